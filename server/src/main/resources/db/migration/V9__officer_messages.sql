-- Officer messages (issue 6, "messages from the officer"): what staff write to a supervised person's
-- phone app. Stored here and pushed through the outbox (push_messages, kind MESSAGE) in the same
-- transaction; delivery state is the push's. read_at is the phone's read receipt; for a message that
-- needs acknowledgement the app sends it only when the person confirms, so it is the acknowledgement.
CREATE TABLE officer_messages (
    id             uuid PRIMARY KEY,
    person_id      uuid        NOT NULL REFERENCES persons (id),
    sent_by        uuid        NOT NULL REFERENCES staff (id),
    sent_at        timestamptz NOT NULL,
    body           text        NOT NULL CHECK (char_length(body) BETWEEN 1 AND 1000),
    needs_ack      boolean     NOT NULL DEFAULT false,
    push_id        bigint REFERENCES push_messages (id),
    read_at        timestamptz,
    read_by_device text
);
CREATE INDEX officer_messages_person ON officer_messages (person_id, sent_at DESC);
CREATE INDEX officer_messages_unread ON officer_messages (person_id) WHERE read_at IS NULL;
