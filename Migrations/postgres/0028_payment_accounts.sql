-- A building's bank accounts (the working fund and the reserve fund, IBANs checked by mod 97),
-- where its calls for funds are paid; each owner's contribution to a sent call gets a Belgian
-- structured communication (ten digits from the organization's counter and their mod-97
-- check), so a bank statement line can be matched to what it pays.
ALTER TABLE buildings ADD COLUMN working_fund_iban TEXT;
ALTER TABLE buildings ADD COLUMN reserve_fund_iban TEXT;
ALTER TABLE contributions ADD COLUMN communication TEXT;
CREATE INDEX contributions_communication_idx ON contributions (communication);

CREATE TABLE communication_counters (
    organization_id UUID PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    last_number BIGINT NOT NULL
);
