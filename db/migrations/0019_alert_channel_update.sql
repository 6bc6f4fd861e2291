-- A channel's events and language can be changed in place (PATCH
-- /api/v1/alert-channels/:id), keeping its alert history. The runtime role
-- may update those two columns only: a channel's type, target and
-- organization are what it is, never rewritten.
GRANT UPDATE ("events", "locale") ON "alert_channels" TO orylo_app;
