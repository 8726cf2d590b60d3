// Copyright sstrack authors.
//
// catalog/schema.h — the SQL of each schema version, applied in order by
// Catalog::Open. Never edit a released step: add the next one.
#ifndef SSTRACK_CATALOG_SCHEMA_H_
#define SSTRACK_CATALOG_SCHEMA_H_

namespace sstrack::catalog::internal {

// kMigrations[i] takes the schema from version i to i + 1. Each runs in one
// transaction with foreign keys off (so that a table can be rebuilt — SQLite's
// procedure for changing a constraint), checked by foreign_key_check before
// the commit.
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
    // v2: one encoding per kind of observation. Every row is one
    // measurement instant: RANGE (value1 m), RANGE_RATE (value1 m/s), AZEL
    // and RADEC (value1, value2 = the angle pair, rad, with sigma1, sigma2),
    // or — for files that give one angle alone — AZIMUTH, ELEVATION,
    // RIGHT_ASCENSION, DECLINATION (value1). Rows that `od run` wrote before
    // as one row per angle (value2 = 0 or 1, no sigma2, ids "file:line/1"
    // and "file:line/2") become one AZEL/RADEC row (pairing the two angles of
    // one sensor, object and epoch; the id of the first angle's row) or a
    // single-angle row; their ids lose the /1, /2 suffix, as `od run` now
    // writes them ("file:line" of the first angle).
    // And the force parameters a fit estimated with its state (value, 1σ);
    // and two task statuses: NOT_FOUND (the sensor looked where the plan
    // pointed it and saw nothing), CANCELLED (a re-plan dropped the task).
    R"sql(
CREATE TABLE tasks_v2 (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plans(id),
  sensor TEXT NOT NULL REFERENCES sensors(name),
  catalog_number INTEGER NOT NULL REFERENCES objects(catalog_number),
  start_tai_s REAL NOT NULL, end_tai_s REAL NOT NULL,
  azimuth_rad REAL, elevation_rad REAL, expected_observations INTEGER,
  status TEXT NOT NULL CHECK (status IN ('PLANNED', 'SENT', 'DONE', 'FAILED', 'MISSED',
                                         'NOT_FOUND', 'CANCELLED'))
) STRICT;
INSERT INTO tasks_v2 SELECT * FROM tasks;
DROP TABLE tasks;
ALTER TABLE tasks_v2 RENAME TO tasks;
CREATE TEMP TABLE od_run_angles AS
SELECT id FROM observations
WHERE type IN ('AZEL', 'RADEC') AND sigma2 IS NULL
  AND (external_id LIKE '%/1' OR external_id LIKE '%/2');
CREATE TEMP TABLE angle_pairs AS
SELECT a.id AS first_id,
       (SELECT b.id FROM observations b
        WHERE b.sensor = a.sensor AND b.type = a.type AND b.catalog_number IS a.catalog_number
          AND b.epoch_tai_s = a.epoch_tai_s AND b.epoch_tai_frac = a.epoch_tai_frac
          AND b.id IN (SELECT id FROM od_run_angles) AND b.value2 = 1.0
        ORDER BY b.id LIMIT 1) AS second_id
FROM observations a
WHERE a.id IN (SELECT id FROM od_run_angles) AND a.value2 = 0.0;
DELETE FROM angle_pairs WHERE second_id IS NULL;
DELETE FROM angle_pairs
WHERE first_id NOT IN (SELECT min(first_id) FROM angle_pairs GROUP BY second_id);
UPDATE observations SET
  value2 = (SELECT b.value1 FROM angle_pairs p JOIN observations b ON b.id = p.second_id
            WHERE p.first_id = observations.id),
  sigma2 = (SELECT b.sigma1 FROM angle_pairs p JOIN observations b ON b.id = p.second_id
            WHERE p.first_id = observations.id)
WHERE id IN (SELECT first_id FROM angle_pairs);
DELETE FROM observations WHERE id IN (SELECT second_id FROM angle_pairs);
DROP TABLE angle_pairs;
CREATE TABLE observations_v2 (
  id INTEGER PRIMARY KEY,
  sensor TEXT NOT NULL REFERENCES sensors(name),
  external_id TEXT NOT NULL,
  catalog_number INTEGER REFERENCES objects(catalog_number),
  task_id INTEGER REFERENCES tasks(id),
  epoch_tai_s INTEGER NOT NULL, epoch_tai_frac REAL NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('RANGE', 'RANGE_RATE', 'AZEL', 'RADEC', 'AZIMUTH',
                                     'ELEVATION', 'RIGHT_ASCENSION', 'DECLINATION')),
  value1 REAL NOT NULL, value2 REAL, sigma1 REAL NOT NULL, sigma2 REAL,
  status TEXT NOT NULL DEFAULT 'ACCEPTED', reason TEXT NOT NULL DEFAULT '',
  UNIQUE (sensor, external_id),
  CHECK ((type IN ('AZEL', 'RADEC')) = (value2 IS NOT NULL AND sigma2 IS NOT NULL))
) STRICT;
INSERT INTO observations_v2 (id, sensor, external_id, catalog_number, task_id, epoch_tai_s,
                             epoch_tai_frac, type, value1, value2, sigma1, sigma2, status, reason)
SELECT id, sensor,
       CASE WHEN id IN (SELECT id FROM od_run_angles)
            THEN substr(external_id, 1, length(external_id) - 2) ELSE external_id END,
       catalog_number, task_id, epoch_tai_s, epoch_tai_frac,
       CASE WHEN type IN ('AZEL', 'RADEC') AND sigma2 IS NULL THEN
              CASE type || CAST(value2 AS INTEGER)
                WHEN 'AZEL0' THEN 'AZIMUTH' WHEN 'AZEL1' THEN 'ELEVATION'
                WHEN 'RADEC0' THEN 'RIGHT_ASCENSION' ELSE 'DECLINATION' END
            ELSE type END,
       value1, CASE WHEN type IN ('AZEL', 'RADEC') AND sigma2 IS NULL THEN NULL ELSE value2 END,
       sigma1, sigma2, status, reason
FROM observations;
DROP TABLE observations;
DROP TABLE od_run_angles;
ALTER TABLE observations_v2 RENAME TO observations;
CREATE INDEX observations_by_object ON observations(catalog_number, epoch_tai_s);
ALTER TABLE orbit_states ADD COLUMN drag_cd_area_over_mass_m2_kg REAL;
ALTER TABLE orbit_states ADD COLUMN drag_sigma_m2_kg REAL;
ALTER TABLE orbit_states ADD COLUMN srp_cr_area_over_mass_m2_kg REAL;
ALTER TABLE orbit_states ADD COLUMN srp_sigma_m2_kg REAL;
)sql",
    // v3: the autonomous cycle's stored state (operations/cycle.h): its
    // nights and their phase, the fits of each night's work queue (one row
    // per night and object; a fit's run is recorded in the same transaction
    // that closes its row, so a restart never applies a fit twice), each
    // sensor's contact and outage per night, and key/value state (the
    // simulated clock's time).
    R"sql(
CREATE TABLE cycle_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
CREATE TABLE cycle_nights (
  night TEXT PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plans(id),
  phase TEXT NOT NULL CHECK (phase IN ('PLANNED', 'OBSERVING', 'FITTING', 'DONE')),
  start_tai_s REAL NOT NULL, end_tai_s REAL NOT NULL,
  offline_planned TEXT NOT NULL DEFAULT '',
  updated_utc TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE TABLE cycle_fits (
  night TEXT NOT NULL REFERENCES cycle_nights(night),
  catalog_number INTEGER NOT NULL REFERENCES objects(catalog_number),
  status TEXT NOT NULL DEFAULT 'QUEUED'
    CHECK (status IN ('QUEUED', 'CONVERGED', 'REJECTED', 'DIVERGED', 'FAILED')),
  od_run_id INTEGER REFERENCES od_runs(id),
  message TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (night, catalog_number)
) STRICT;
CREATE TABLE cycle_sensors (
  night TEXT NOT NULL REFERENCES cycle_nights(night),
  sensor TEXT NOT NULL REFERENCES sensors(name),
  last_contact_tai_s REAL,
  last_report_tai_s REAL,
  out_since_tai_s REAL,
  PRIMARY KEY (night, sensor)
) STRICT;
)sql",
    // v4: a task reported DONE after the server had marked it MISSED is
    // kept as DONE and marked late (CheckTaskTransition).
    R"sql(
ALTER TABLE tasks ADD COLUMN late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1));
)sql",
    // v5: an object's tasks by start time, for re-pointing its planned
    // tasks after each accepted fit (Catalog::ListPlannedTasksOf).
    R"sql(
CREATE INDEX tasks_by_object ON tasks(catalog_number, start_tai_s);
)sql",
    // v6: the covariance of the force parameters a fit estimated with the
    // state — with the state and with each other (CATALOG.md "The
    // covariance layout") — so that a prediction carries their uncertainty.
    R"sql(
ALTER TABLE orbit_states ADD COLUMN force_covariance BLOB;
)sql",
    // v7: a task's search lead — the object is predicted at the task's
    // pointing this long after the task's start; the sensor stares there
    // from the start until it acquires the object (docs/TASKING.md).
    R"sql(
ALTER TABLE tasks ADD COLUMN pointing_lead_s REAL NOT NULL DEFAULT 0 CHECK (pointing_lead_s >= 0);
)sql",
};

}  // namespace sstrack::catalog::internal

#endif  // SSTRACK_CATALOG_SCHEMA_H_
