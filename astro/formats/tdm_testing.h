// Copyright sstrack authors.
//
// astro/formats/tdm_testing.h — test helper: two TdmFiles hold the same
// message, every double and Epoch compared bit for bit (source lines only
// when asked).
#ifndef SSTRACK_ASTRO_FORMATS_TDM_TESTING_H_
#define SSTRACK_ASTRO_FORMATS_TDM_TESTING_H_

#include <string>

#include "astro/formats/tdm.h"
#include "gtest/gtest.h"

namespace sstrack::astro {

inline void ExpectSameTdmMeta(const TdmSegmentMeta& a, const TdmSegmentMeta& b,
                              bool compare_lines) {
  EXPECT_EQ(a.comments, b.comments);
  EXPECT_EQ(a.time_system, b.time_system);
  EXPECT_EQ(a.start_time, b.start_time);
  EXPECT_EQ(a.stop_time, b.stop_time);
  EXPECT_EQ(a.participants, b.participants);
  EXPECT_EQ(a.mode, b.mode);
  EXPECT_EQ(a.path, b.path);
  EXPECT_EQ(a.timetag_ref, b.timetag_ref);
  EXPECT_EQ(a.integration_interval_s, b.integration_interval_s);
  EXPECT_EQ(a.integration_ref, b.integration_ref);
  EXPECT_EQ(a.range_mode, b.range_mode);
  EXPECT_EQ(a.range_modulus_m, b.range_modulus_m);
  EXPECT_EQ(a.range_units, b.range_units);
  EXPECT_EQ(a.angle_type, b.angle_type);
  EXPECT_EQ(a.reference_frame, b.reference_frame);
  EXPECT_EQ(a.transmit_delay_s, b.transmit_delay_s);
  EXPECT_EQ(a.receive_delay_s, b.receive_delay_s);
  EXPECT_EQ(a.data_quality, b.data_quality);
  EXPECT_EQ(a.correction_range_m, b.correction_range_m);
  EXPECT_EQ(a.correction_angle_1_rad, b.correction_angle_1_rad);
  EXPECT_EQ(a.correction_angle_2_rad, b.correction_angle_2_rad);
  EXPECT_EQ(a.correction_doppler_m_per_s, b.correction_doppler_m_per_s);
  EXPECT_EQ(a.correction_aberration_yearly_rad,
            b.correction_aberration_yearly_rad);
  EXPECT_EQ(a.correction_aberration_diurnal_rad,
            b.correction_aberration_diurnal_rad);
  EXPECT_EQ(a.corrections_applied, b.corrections_applied);
  if (compare_lines) {
    EXPECT_EQ(a.line, b.line);
  }
}

inline void ExpectSameTdm(const TdmFile& a, const TdmFile& b,
                          bool compare_lines) {
  EXPECT_EQ(a.header.version, b.header.version);
  EXPECT_EQ(a.header.comments, b.header.comments);
  EXPECT_EQ(a.header.creation_date, b.header.creation_date);
  EXPECT_EQ(a.header.originator, b.header.originator);
  EXPECT_EQ(a.header.message_id, b.header.message_id);
  ASSERT_EQ(a.segments.size(), b.segments.size());
  for (size_t i = 0; i < a.segments.size(); ++i) {
    SCOPED_TRACE("segment " + std::to_string(i));
    const TdmSegment& sa = a.segments[i];
    const TdmSegment& sb = b.segments[i];
    ExpectSameTdmMeta(sa.meta, sb.meta, compare_lines);
    EXPECT_EQ(sa.data_comments, sb.data_comments);
    ASSERT_EQ(sa.observations.size(), sb.observations.size());
    for (size_t k = 0; k < sa.observations.size(); ++k) {
      const TdmObservation& oa = sa.observations[k];
      const TdmObservation& ob = sb.observations[k];
      SCOPED_TRACE("observation " + std::to_string(k));
      EXPECT_EQ(oa.epoch, ob.epoch);
      EXPECT_EQ(oa.type, ob.type);
      EXPECT_EQ(oa.value, ob.value);
      EXPECT_EQ(oa.segment, ob.segment);
      if (compare_lines) {
        EXPECT_EQ(oa.line, ob.line);
      }
    }
  }
}

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_FORMATS_TDM_TESTING_H_
