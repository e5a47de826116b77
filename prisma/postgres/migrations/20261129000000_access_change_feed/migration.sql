-- The auth hooks read recent credential changes (rotate, disable, enable,
-- delete) from the audit log every second: lib/hub/access-change-feed.ts.
CREATE INDEX "AuditEvent_action_createdAt_idx" ON "AuditEvent"("action", "createdAt");
