-- An event's party bits (migration 016) hold its people too: a person named without the
-- country he acts for is a party of the report that names him so ("former President Bashar
-- al-Assad"), and shares that party with an event that names him beside his country
-- (merge::identity, parties_agree_through_people), so write::find_same must not pass over
-- such an event on the index. The function is write::party_bits_of_core, which now reads
-- the core's people as well as its parties.
UPDATE events SET party_bits = timeline_party_bits(core) WHERE core IS NOT NULL;
