-- Geocoding from a gazetteer (ingest/geocode.h): where each city's
-- coordinates come from (import | gazetteer | manual; the automatic pass
-- never replaces manual ones), the GeoNames place they were taken from, and
-- the cities the pass could not decide, with their candidates, for review.
ALTER TABLE cities ADD COLUMN coordinates_source TEXT NOT NULL DEFAULT 'import'
  CHECK (coordinates_source = 'import' OR coordinates_source = 'gazetteer' OR coordinates_source = 'manual');
ALTER TABLE cities ADD COLUMN geonames_id BIGINT;

CREATE TABLE geocode_reviews (
  city_id BIGINT PRIMARY KEY REFERENCES cities(id) ON DELETE CASCADE,
  reason TEXT NOT NULL,
  candidates TEXT NOT NULL,  -- JSON array of gazetteer places, best first
  -- 1 when the recorded point itself is doubted (far outside the country,
  -- or shared with other cities when the pass began): later passes keep
  -- doubting it although the cities it was shared with have moved away.
  point_suspect INTEGER NOT NULL DEFAULT 0 CHECK (point_suspect = 0 OR point_suspect = 1),
  updated_at TEXT NOT NULL
);
