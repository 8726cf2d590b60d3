// Copyright sstrack authors.
//
// catalog/schema.h — the SQL of each schema version, applied in order by
// Catalog::Open. Never edit a released step: add the next one.
#ifndef SSTRACK_CATALOG_SCHEMA_H_
#define SSTRACK_CATALOG_SCHEMA_H_

namespace sstrack::catalog::internal {

// kMigrations[i] takes the schema from version i to i + 1.
inline constexpr const char* kMigrations[] = {
    // v1: objects and orbit states, and the tables later parts fill.
    R"sql(
CREATE TABLE objects (
  catalog_number INTEGER PRIMARY KEY CHECK (catalog_number BETWEEN 1 AND 339999),
  international_designator TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL DEFAULT '',
  object_type TEXT NOT NULL DEFAULT 'UNKNOWN'
    CHECK (object_type IN ('PAYLOAD', 'ROCKET BODY', 'DEBRIS', 'UNKNOWN')),
  radius_m REAL,
  rcs_m2 REAL,
  category INTEGER NOT NULL DEFAULT 5 CHECK (category BETWEEN 1 AND 5),
  category_suffix TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TABLE orbit_states (
  id INTEGER PRIMARY KEY,
  catalog_number INTEGER NOT NULL REFERENCES objects(catalog_number),
  epoch_tai_s INTEGER NOT NULL,
  epoch_tai_frac REAL NOT NULL,
  frame TEXT NOT NULL CHECK (frame IN ('TEME', 'GCRF', 'ITRF', 'EME2000')),
  kind TEXT NOT NULL CHECK (kind IN ('MEAN_ELEMENTS_SGP4', 'CARTESIAN')),
  x_m REAL, y_m REAL, z_m REAL, vx_m_s REAL, vy_m_s REAL, vz_m_s REAL,
  epoch_utc_jd1 REAL, epoch_utc_jd2 REAL,
  mean_motion_rad_min REAL, eccentricity REAL, inclination_rad REAL,
  raan_rad REAL, arg_perigee_rad REAL, mean_anomaly_rad REAL,
  bstar REAL, ndot_rad_min2 REAL, nddot_rad_min3 REAL,
  classification TEXT, element_set_number INTEGER, revolution_number INTEGER,
  covariance BLOB,
  source TEXT NOT NULL CHECK (source IN ('TLE', 'OMM', 'OD_RUN', 'MANUAL')),
  source_ref TEXT NOT NULL DEFAULT '',
  quality REAL,
  inserted_utc TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX orbit_states_by_object ON orbit_states(catalog_number, epoch_tai_s);
CREATE TABLE sensors (
  name TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  latitude_rad REAL NOT NULL, longitude_rad REAL NOT NULL, height_m REAL NOT NULL,
  config TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TABLE plans (
  id INTEGER PRIMARY KEY,
  night_start_tai_s INTEGER NOT NULL, night_end_tai_s INTEGER NOT NULL,
  created_utc TEXT NOT NULL, metrics_json TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plans(id),
  sensor TEXT NOT NULL REFERENCES sensors(name),
  catalog_number INTEGER NOT NULL REFERENCES objects(catalog_number),
  start_tai_s REAL NOT NULL, end_tai_s REAL NOT NULL,
  azimuth_rad REAL, elevation_rad REAL, expected_observations INTEGER,
  status TEXT NOT NULL CHECK (status IN ('PLANNED', 'SENT', 'DONE', 'FAILED', 'MISSED'))
) STRICT;
CREATE TABLE observations (
  id INTEGER PRIMARY KEY,
  sensor TEXT NOT NULL REFERENCES sensors(name),
  external_id TEXT NOT NULL,
  catalog_number INTEGER REFERENCES objects(catalog_number),
  task_id INTEGER REFERENCES tasks(id),
  epoch_tai_s INTEGER NOT NULL, epoch_tai_frac REAL NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('RANGE', 'RANGE_RATE', 'AZEL', 'RADEC')),
  value1 REAL NOT NULL, value2 REAL, sigma1 REAL NOT NULL, sigma2 REAL,
  status TEXT NOT NULL DEFAULT 'ACCEPTED', reason TEXT NOT NULL DEFAULT '',
  UNIQUE (sensor, external_id)
) STRICT;
CREATE TABLE od_runs (
  id INTEGER PRIMARY KEY,
  catalog_number INTEGER NOT NULL REFERENCES objects(catalog_number),
  started_utc TEXT NOT NULL, finished_utc TEXT,
  status TEXT NOT NULL CHECK (status IN ('CONVERGED', 'DIVERGED', 'REJECTED', 'RUNNING')),
  iterations INTEGER, weighted_rms REAL, n_used INTEGER, n_rejected INTEGER,
  summary_json TEXT NOT NULL DEFAULT '{}',
  result_state_id INTEGER REFERENCES orbit_states(id)
) STRICT;
)sql",
};

}  // namespace sstrack::catalog::internal

#endif  // SSTRACK_CATALOG_SCHEMA_H_
