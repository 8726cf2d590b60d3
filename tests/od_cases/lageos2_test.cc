// Copyright sstrack authors.
//
// The LAGEOS-2 laser-ranging benchmark as a regression test: real normal
// points, reproduced against the published reference solution (Orekit 13.1
// batch least squares, tests/data/lageos2/README.md).
#include <cstdio>

#include "gtest/gtest.h"
#include "orbit_determination/slr_case.h"

namespace sstrack::od {
namespace {

TEST(Lageos2Test, ReproducesTheReferenceSolution) {
  auto c = ReadSlrCase("tests/od_cases/lageos2.case");
  ASSERT_TRUE(c.ok()) << c.status();
  auto r = RunSlrCase(*c);
  ASSERT_TRUE(r.ok()) << r.status();
  std::printf("accepted %d (%s)\nnormal points %d, used %d, edited %d, iterations %d\n"
              "residual mean %.4f m, std %.4f m\nreference diff %.3f m, %.5f m/s\n"
              "CPF RMS RIC %.3f %.3f %.3f m over %d points\nfit wall %.3f s\n",
              r->fit.accepted, r->fit.message.c_str(), r->normal_points, r->fit.used, r->fit.edited,
              r->fit.iterations, r->residual_mean_m, r->residual_std_m, r->reference_position_diff_m,
              r->reference_velocity_diff_m_s, r->cpf_rms_ric_m.x(), r->cpf_rms_ric_m.y(),
              r->cpf_rms_ric_m.z(), r->cpf_points, r->fit_wall_time_s);
  for (size_t j = 6; j < r->fit.parameter_names.size(); ++j) {
    std::printf("%s = %.3f +- %.3f\n", r->fit.parameter_names[j].c_str(), r->fit.parameters[j],
                r->fit.parameter_sigmas[j]);
  }
  EXPECT_TRUE(r->fit.accepted) << r->fit.message;
  EXPECT_EQ(r->normal_points, 95);
  EXPECT_EQ(r->fit.used, 95);
  EXPECT_LT(r->reference_position_diff_m, 1.0);
  EXPECT_LT(r->residual_std_m, 0.30);
}

}  // namespace
}  // namespace sstrack::od
