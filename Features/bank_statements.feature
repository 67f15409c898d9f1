Feature: Bank statements matched to the owners' contributions
  The bank sends the building's statements as CODA files (the Belgian banks' format) or as
  CAMT.053 XML. Each credit is matched to an owner's contribution by the structured
  communication the call gave it, and booked as a payment entered by hand would be (FIN: 550
  debited, 410 credited), so the owner's statement shows it. Failing that, a credit from an
  account an owner paid from before, for exactly what one of their contributions still asks, is
  booked and flagged for review. What cannot be matched waits on a list for the syndic. A file
  imported twice creates nothing more, and a malformed file is refused with its line.

  Background:
    Given the API is running
    And today is "2026-01-05"
    And the syndic "sam" of "Syndic Dupont" manages the building "Résidence Les Tilleuls" of 1000 tantièmes
    And the building has the lots:
      | number | type      | tantiemes |
      | A      | apartment | 600       |
      | B      | apartment | 400       |
    And the owners:
      | name  |
      | Anne  |
      | Bruno |
    And the lots are owned as follows:
      | lot | owner |
      | A   | anne  |
      | B   | bruno |
    And I send POST "/api/v1/buildings/{{building}}/call-for-funds"
      """
      {"title": "Provisions T1", "period": "quarterly", "ordinary_amount": "1000.00", "call_date": "2026-01-05",
       "due_date": "2026-02-05"}
      """
    And I remember the response field "id" as "call"
    And I send PUT "/api/v1/call-for-funds/{{call}}/send"
    And I remember the communication of "anne" on the call as "anneRef"

  Scenario: A CODA file is matched by structured communication and booked
    When the bank sends the CODA statement "1" opening at "0.00" with the movements:
      | date       | amount | from        | iban                | communication |
      | 2026-01-20 | 600.00 | Anne Martin | BE71 0961 2345 6769 | {{anneRef}}   |
    Then the response status is 201
    And the response field "statement.format" is "coda"
    And the response field "statement.closing_balance" is "600.00"
    And the response field "lines[0].status" is "matched"
    And the response field "lines[0].owner_id" is "{{anne}}"
    And the response field "lines[0].communication" is "{{anneRef}}"
    And the response field "opening_difference" is "0.00"
    And the response field "closing_difference" is "0.00"
    When I send GET "/api/v1/call-for-funds/{{call}}"
    Then the contribution of "anne" is "600.00", paid "600.00", paid
    When I send GET "/api/v1/owners/{{anne}}/statement?building_id={{building}}"
    Then the response field "balance" is "0.00"
    When I send GET "/api/v1/buildings/{{building}}/journal-entries/balance?fiscal_year=2026"
    Then the balance of account "550" is "600.00"

  Scenario: An unmatched line waits for the syndic; the payer's next transfer is matched by account and amount
    Given I send POST "/api/v1/buildings/{{building}}/call-for-funds"
      """
      {"title": "Provisions T2", "period": "quarterly", "ordinary_amount": "1000.00", "call_date": "2026-04-01",
       "due_date": "2026-05-01"}
      """
    And I remember the response field "id" as "second"
    And I send PUT "/api/v1/call-for-funds/{{second}}/send"
    When the bank sends the CODA statement "2" opening at "0.00" with the movements:
      | date       | amount | from       | iban                | communication        |
      | 2026-01-22 | 400.00 | B. Peeters | BE62 5100 0754 7061 | charges appartement B |
      | 2026-01-23 | -50.00 | Proximus   | BE10 0000 0000 0404 | facture telephone    |
    Then the response field "lines[0].status" is "unmatched"
    And the response field "lines[1].status" is "debit"
    And the response field "closing_difference" is "350.00"
    When I send GET "/api/v1/buildings/{{building}}/bank-lines"
    Then the response field "data" has 1 items
    And I remember the response field "data[0].id" as "line"
    When I send POST "/api/v1/bank-lines/{{line}}/assign"
      """
      {"owner_id": "{{bruno}}", "call_id": "{{call}}"}
      """
    Then the response field "status" is "assigned"
    When I send POST "/api/v1/bank-lines/{{line}}/assign"
      """
      {"owner_id": "{{bruno}}", "call_id": "{{call}}"}
      """
    Then the response is a problem 409 with code "illegal_transition"
    When I send GET "/api/v1/buildings/{{building}}/bank-lines"
    Then the response field "data" has 0 items
    When the bank sends the CODA statement "3" opening at "350.00" with the movements:
      | date       | amount | from       | iban                | communication |
      | 2026-04-10 | 400.00 | B. Peeters | BE62 5100 0754 7061 |               |
    Then the response field "lines[0].status" is "review"
    And the response field "lines[0].owner_id" is "{{bruno}}"
    And the response field "lines[0].call_id" is "{{second}}"
    When I send GET "/api/v1/buildings/{{building}}/bank-lines?status=review"
    Then the response field "data" has 1 items

  Scenario: The same file imported twice creates nothing more
    Given the bank sends the CODA statement "4" opening at "0.00" with the movements:
      | date       | amount | from        | iban                | communication |
      | 2026-01-20 | 600.00 | Anne Martin | BE71 0961 2345 6769 | {{anneRef}}   |
    When the bank sends the same file again
    Then the response status is 200
    And the response field "duplicate" is true
    And the response field "lines" has 1 items
    When I send GET "/api/v1/buildings/{{building}}/bank-statements"
    Then the response field "data" has 1 items
    When I send GET "/api/v1/buildings/{{building}}/journal-entries/balance?fiscal_year=2026"
    Then the balance of account "550" is "600.00"

  Scenario: A malformed file is refused with its line, and nothing more is imported
    Given the bank sends the CODA statement "5" opening at "0.00" with the movements:
      | date       | amount | from        | iban                | communication |
      | 2026-01-20 | 600.00 | Anne Martin | BE71 0961 2345 6769 | {{anneRef}}   |
    When I send GET "/api/v1/buildings/{{building}}/bank-statements"
    Then the response field "data" has 1 items
    When the bank sends that file with line 3 cut to 100 characters
    Then the response is a problem 422 with code "malformed_statement"
    And the response field "errors[0].line" is the number 3
    And the response text contains "128 characters"
    When I send GET "/api/v1/buildings/{{building}}/bank-statements"
    Then the response field "data" has 1 items

  Scenario: A CAMT.053 statement is read as well
    When I send POST "/api/v1/buildings/{{building}}/bank-statements"
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
        <BkToCstmrStmt>
          <GrpHdr><MsgId>MSG-1</MsgId><CreDtTm>2026-01-31T18:00:00</CreDtTm></GrpHdr>
          <Stmt>
            <Id>2026-01</Id>
            <Acct><Id><IBAN>BE68539007547034</IBAN></Id><Ccy>EUR</Ccy></Acct>
            <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">0.00</Amt>
              <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-01-01</Dt></Dt></Bal>
            <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">600.00</Amt>
              <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-01-31</Dt></Dt></Bal>
            <Ntry>
              <Amt Ccy="EUR">600.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
              <BookgDt><Dt>2026-01-21</Dt></BookgDt><ValDt><Dt>2026-01-21</Dt></ValDt>
              <AcctSvcrRef>BANKREF-1</AcctSvcrRef>
              <NtryDtls><TxDtls>
                <RltdPties><Dbtr><Nm>Anne Martin</Nm></Dbtr><DbtrAcct><Id><IBAN>BE71096123456769</IBAN></Id></DbtrAcct></RltdPties>
                <RmtInf><Strd><CdtrRefInf><Ref>{{anneRef}}</Ref></CdtrRefInf></Strd></RmtInf>
              </TxDtls></NtryDtls>
            </Ntry>
          </Stmt>
        </BkToCstmrStmt>
      </Document>
      """
    Then the response status is 201
    And the response field "statement.format" is "camt.053"
    And the response field "statement.number" is "2026-01"
    And the response field "lines[0].status" is "matched"
    And the response field "lines[0].counterparty_name" is "Anne Martin"
    And the response field "lines[0].bank_reference" is "BANKREF-1"
    When I send POST "/api/v1/buildings/{{building}}/bank-statements"
      """
      <Document><BkToCstmrStmt><Stmt><Id>X</Id>
      </Document>
      """
    Then the response is a problem 422 with code "malformed_statement"
