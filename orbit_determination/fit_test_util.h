// Copyright sstrack authors.
//
// orbit_determination/fit_test_util.h — the scene of the simulated fit
// tests: four tracking stations (the ILRS sites of Matera, Yarragadee,
// Haleakala and Greenbelt) and a 620-km, 70° LEO truth.
#ifndef SSTRACK_ORBIT_DETERMINATION_FIT_TEST_UTIL_H_
#define SSTRACK_ORBIT_DETERMINATION_FIT_TEST_UTIL_H_

#include <cmath>
#include <initializer_list>
#include <map>
#include <string>
#include <tuple>

#include "astro/elements/keplerian.h"
#include "orbit_determination/measurement.h"

namespace sstrack::od::testing {

inline std::map<std::string, Station> FourStations() {
  constexpr double kDeg = M_PI / 180;
  std::map<std::string, Station> out;
  for (const auto& [name, lat, lon, h] :
       std::initializer_list<std::tuple<const char*, double, double, double>>{
           {"MATERA", 40.6486, 16.7046, 536},
           {"YARRAGADEE", -29.0464, 115.3467, 244},
           {"HALEAKALA", 20.7069, -156.2575, 3067},
           {"GREENBELT", 39.0206, -76.8277, 20}}) {
    out[name] = *astro::MakeGroundSite(name, {lat * kDeg, lon * kDeg, h});
  }
  return out;
}

// a = 7000 km, e = 0.002, i = 70°, Ω = 30°, ω = 10°, ν = 0.
inline astro::CartesianState LeoTruth(double gm_m3_s2) {
  constexpr double kDeg = M_PI / 180;
  const auto x = *astro::KeplerianToCartesian({7000e3, 0.002, 70 * kDeg, 30 * kDeg, 10 * kDeg, 0},
                                              gm_m3_s2);
  return {x.head<3>(), x.tail<3>()};
}

}  // namespace sstrack::od::testing

#endif  // SSTRACK_ORBIT_DETERMINATION_FIT_TEST_UTIL_H_
