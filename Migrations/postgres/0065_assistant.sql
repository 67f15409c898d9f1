-- Vehicle inspection centre, part 6: the booking assistant's conversations, a customer
-- account's or (with the digest of its token) a visitor's on the public page, and their
-- messages in order; a proposal awaiting the customer's yes is kept as JSON.
CREATE TABLE assistant_conversations (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    centre_id UUID NOT NULL REFERENCES centres (id) ON DELETE CASCADE,
    customer_id UUID REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT,
    language TEXT NOT NULL,
    proposal TEXT,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX assistant_conversations_customer ON assistant_conversations (customer_id);

CREATE TABLE assistant_messages (
    id UUID PRIMARY KEY,
    organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    conversation_id UUID NOT NULL REFERENCES assistant_conversations (id) ON DELETE CASCADE,
    customer_id UUID REFERENCES users (id) ON DELETE CASCADE,
    author TEXT NOT NULL,
    text TEXT NOT NULL,
    intent TEXT,
    position INTEGER NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX assistant_messages_conversation ON assistant_messages (conversation_id, position);
CREATE INDEX assistant_messages_customer ON assistant_messages (customer_id);
