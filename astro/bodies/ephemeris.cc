// Copyright sstrack authors.
#include "astro/bodies/ephemeris.h"

#include "astro/bodies/sun.h"
#include "erfa.h"

namespace sstrack::astro {

Eigen::Vector3d AnalyticEphemeris::SunGcrf(const Epoch& t) const {
  return SunPositionGcrf(t);
}

Eigen::Vector3d AnalyticEphemeris::MoonGcrf(const Epoch& t) const {
  const JulianDate tdb = t.Tdb();
  double pv[2][3];
  eraMoon98(tdb.jd1, tdb.jd2, pv);
  return Eigen::Vector3d(pv[0][0], pv[0][1], pv[0][2]) * kAstronomicalUnitM;
}

}  // namespace sstrack::astro
