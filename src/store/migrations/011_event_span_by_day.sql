-- `list --from` (Store::list) finds the events of a window as write::find_same does, by the
-- size class of their stretch of days (migration 010), but for every type at once: per
-- class, lo_day between from - 2^class and the window's last day. Without it a window of a
-- week read every event that ends after the window starts.
CREATE INDEX events_by_span ON events (span_class, lo_day);
