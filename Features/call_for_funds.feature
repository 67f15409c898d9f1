Feature: Calls for funds
  The syndic calls the owners for funds. Each owner's part is the total × Σ over their lots of
  (lot tantièmes / building total) × their share of the lot, rounded so that the parts add up
  to the total exactly. Sending freezes the parts and posts the receivables to the ledger;
  each payment is posted to the bank; the call is paid when every part is.

  Background:
    Given the API is running
    And the syndic "sam" of "Syndic Dupont" manages the building "Résidence Les Tilleuls" of 1000 tantièmes
    And the building has the lots:
      | number | type      | tantiemes |
      | A      | apartment | 600       |
      | B      | apartment | 300       |
      | C      | parking   | 100       |
    And the owners:
      | name  |
      | Anne  |
      | Bruno |
      | Chloé |

  Scenario: Charges are split by the lots' tantièmes and the owners' shares, to the cent
    Given I send POST "/api/v1/lots/{{lotA}}/ownerships"
      """
      {"owner_id": "{{anne}}", "share": "0.5", "start_date": "2020-01-01"}
      """
    And I send POST "/api/v1/lots/{{lotA}}/ownerships"
      """
      {"owner_id": "{{bruno}}", "share": "0.5", "start_date": "2020-01-01"}
      """
    And I send POST "/api/v1/lots/{{lotB}}/ownerships"
      """
      {"owner_id": "{{bruno}}", "share": "1", "start_date": "2020-01-01"}
      """
    And I send POST "/api/v1/lots/{{lotC}}/ownerships"
      """
      {"owner_id": "{{chloe}}", "share": "1", "start_date": "2020-01-01"}
      """
    When I send POST "/api/v1/buildings/{{building}}/call-for-funds"
      """
      {"title": "T1 2026", "period": "quarterly", "ordinary_amount": "10000.00", "extraordinary_amount": "5000.00",
       "call_date": "2026-01-05", "due_date": "2026-02-05"}
      """
    Then the response status is 201
    And the response field "status" is "draft"
    And the response field "total_amount" is "15000.00"
    And the contribution of "anne" is "4500.00", paid "0.00", unpaid
    And the contribution of "bruno" is "9000.00", paid "0.00", unpaid
    And the contribution of "chloe" is "1500.00", paid "0.00", unpaid
    And the contributions add up to "15000.00"

  Scenario: Three equal owners of 100.00 pay parts that sum to exactly 100.00
    Given I send PATCH "/api/v1/lots/{{lotA}}"
      """
      {"tantiemes": 333}
      """
    And I send PATCH "/api/v1/lots/{{lotB}}"
      """
      {"tantiemes": 333}
      """
    And I send PATCH "/api/v1/lots/{{lotC}}"
      """
      {"tantiemes": 333}
      """
    And I send PATCH "/api/v1/buildings/{{building}}"
      """
      {"total_tantiemes": 999}
      """
    And I send POST "/api/v1/lots/{{lotA}}/ownerships"
      """
      {"owner_id": "{{anne}}", "share": "1", "start_date": "2020-01-01"}
      """
    And I send POST "/api/v1/lots/{{lotB}}/ownerships"
      """
      {"owner_id": "{{bruno}}", "share": "1", "start_date": "2020-01-01"}
      """
    And I send POST "/api/v1/lots/{{lotC}}/ownerships"
      """
      {"owner_id": "{{chloe}}", "share": "1", "start_date": "2020-01-01"}
      """
    When I send POST "/api/v1/buildings/{{building}}/call-for-funds"
      """
      {"title": "Petit appel", "period": "one_time", "ordinary_amount": 100, "call_date": "2026-01-05", "due_date": "2026-02-05"}
      """
    And I remember the response field "id" as "call"
    And I send PUT "/api/v1/call-for-funds/{{call}}/send"
    Then the response status is 200
    And the response field "status" is "sent"
    And the contributions add up to "100.00"
    And the response field "contributions" has 3 items

  Scenario: A sale mid-year: calls before the transfer bill the seller, after it the buyer
    Given I send POST "/api/v1/lots/{{lotA}}/ownerships"
      """
      {"owner_id": "{{anne}}", "share": "1", "start_date": "2020-01-01"}
      """
    And I send POST "/api/v1/lots/{{lotB}}/ownerships"
      """
      {"owner_id": "{{bruno}}", "share": "1", "start_date": "2020-01-01"}
      """
    And I send POST "/api/v1/lots/{{lotC}}/ownerships"
      """
      {"owner_id": "{{bruno}}", "share": "1", "start_date": "2020-01-01"}
      """
    And I send POST "/api/v1/lots/{{lotA}}/transfers"
      """
      {"from_owner_id": "{{anne}}", "to_owner_id": "{{chloe}}", "date": "2026-07-01"}
      """
    When I send POST "/api/v1/buildings/{{building}}/call-for-funds"
      """
      {"title": "T2", "period": "quarterly", "ordinary_amount": "1000", "call_date": "2026-04-01", "due_date": "2026-05-01"}
      """
    Then the contribution of "anne" is "600.00", paid "0.00", unpaid
    When I send POST "/api/v1/buildings/{{building}}/call-for-funds"
      """
      {"title": "T3", "period": "quarterly", "ordinary_amount": "1000", "call_date": "2026-07-01", "due_date": "2026-08-01"}
      """
    Then the contribution of "chloe" is "600.00", paid "0.00", unpaid
    And the contribution of "bruno" is "400.00", paid "0.00", unpaid

  Scenario: Sending posts the receivables; payments settle the call; overpayment is refused
    Given I send POST "/api/v1/lots/{{lotA}}/ownerships"
      """
      {"owner_id": "{{anne}}", "share": "1", "start_date": "2020-01-01"}
      """
    And I send POST "/api/v1/lots/{{lotB}}/ownerships"
      """
      {"owner_id": "{{bruno}}", "share": "1", "start_date": "2020-01-01"}
      """
    And I send POST "/api/v1/lots/{{lotC}}/ownerships"
      """
      {"owner_id": "{{chloe}}", "share": "1", "start_date": "2020-01-01"}
      """
    And I send POST "/api/v1/buildings/{{building}}/call-for-funds"
      """
      {"title": "T1", "period": "quarterly", "ordinary_amount": "800", "extraordinary_amount": "200", "call_date": "2026-01-05", "due_date": "2026-02-05"}
      """
    And I remember the response field "id" as "call"
    When I send PUT "/api/v1/call-for-funds/{{call}}/send"
    Then the response field "status" is "sent"
    When I send PUT "/api/v1/call-for-funds/{{call}}/send"
    Then the response is a problem 409 with code "illegal_transition"
    When I send GET "/api/v1/buildings/{{building}}/journal-entries/balance"
    Then the response field "total_debit" is "1000.00"
    And the response field "accounts[0].account_code" is "410"
    And the response field "accounts[0].balance" is "1000.00"
    When I send POST "/api/v1/call-for-funds/{{call}}/payments"
      """
      {"owner_id": "{{anne}}", "amount": "600.01", "paid_on": "2026-01-20"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "amount"
    When I send POST "/api/v1/call-for-funds/{{call}}/payments"
      """
      {"owner_id": "{{anne}}", "amount": "250", "paid_on": "2026-01-20"}
      """
    Then the response status is 201
    And the contribution of "anne" is "600.00", paid "250.00", partial
    When I send POST "/api/v1/call-for-funds/{{call}}/payments"
      """
      {"owner_id": "{{anne}}", "amount": "350", "paid_on": "2026-01-25"}
      """
    And I send POST "/api/v1/call-for-funds/{{call}}/payments"
      """
      {"owner_id": "{{bruno}}", "amount": "300", "paid_on": "2026-01-25"}
      """
    Then the response field "status" is "sent"
    When I send POST "/api/v1/call-for-funds/{{call}}/payments"
      """
      {"owner_id": "{{chloe}}", "amount": 100, "paid_on": "2026-01-26"}
      """
    Then the response field "status" is "paid"
    And the contribution of "chloe" is "100.00", paid "100.00", paid
    When I send GET "/api/v1/buildings/{{building}}/journal-entries/balance"
    Then the response field "accounts[0].account_code" is "410"
    And the response field "accounts[0].balance" is "0.00"
    And the response field "accounts[1].account_code" is "550"
    And the response field "accounts[1].balance" is "1000.00"
    When I send DELETE "/api/v1/call-for-funds/{{call}}"
    Then the response is a problem 409 with code "illegal_transition"

  Scenario: Marking a call paid settles what is still due in one bank entry
    Given I send POST "/api/v1/lots/{{lotA}}/ownerships"
      """
      {"owner_id": "{{anne}}", "share": "1", "start_date": "2020-01-01"}
      """
    And I send POST "/api/v1/lots/{{lotB}}/ownerships"
      """
      {"owner_id": "{{bruno}}", "share": "1", "start_date": "2020-01-01"}
      """
    And I send POST "/api/v1/lots/{{lotC}}/ownerships"
      """
      {"owner_id": "{{chloe}}", "share": "1", "start_date": "2020-01-01"}
      """
    And I send POST "/api/v1/buildings/{{building}}/call-for-funds"
      """
      {"title": "T1", "period": "quarterly", "ordinary_amount": "1000", "call_date": "2026-01-05", "due_date": "2026-02-05"}
      """
    And I remember the response field "id" as "call"
    When I send PUT "/api/v1/call-for-funds/{{call}}/mark-paid"
    Then the response is a problem 409 with code "illegal_transition"
    When I send PUT "/api/v1/call-for-funds/{{call}}/send"
    And I send POST "/api/v1/call-for-funds/{{call}}/payments"
      """
      {"owner_id": "{{anne}}", "amount": "100", "paid_on": "2026-01-20"}
      """
    And I send PUT "/api/v1/call-for-funds/{{call}}/mark-paid"
      """
      {"paid_on": "2026-02-01"}
      """
    Then the response status is 200
    And the response field "status" is "paid"
    And the contribution of "anne" is "600.00", paid "600.00", paid
    When I send GET "/api/v1/buildings/{{building}}/journal-entries?journal=FIN"
    Then the response field "data" has 2 items
    And the response field "data[1].total_debit" is "900.00"

  Scenario: A building that is not ready cannot be billed, and says why
    Given I send POST "/api/v1/lots/{{lotA}}/ownerships"
      """
      {"owner_id": "{{anne}}", "share": "0.5", "start_date": "2020-01-01"}
      """
    When I send POST "/api/v1/buildings/{{building}}/call-for-funds"
      """
      {"title": "T1", "period": "quarterly", "ordinary_amount": "800", "call_date": "2026-01-05", "due_date": "2026-02-05"}
      """
    And I remember the response field "id" as "call"
    Then the response field "contributions" has 0 items
    When I send PUT "/api/v1/call-for-funds/{{call}}/send"
    Then the response is a problem 409 with code "not_ready_for_billing"
    When I send DELETE "/api/v1/call-for-funds/{{call}}"
    Then the response status is 204

  Scenario: Overdue calls are flagged and can be listed
    Given I send POST "/api/v1/lots/{{lotA}}/ownerships"
      """
      {"owner_id": "{{anne}}", "share": "1", "start_date": "2020-01-01"}
      """
    And I send POST "/api/v1/lots/{{lotB}}/ownerships"
      """
      {"owner_id": "{{anne}}", "share": "1", "start_date": "2020-01-01"}
      """
    And I send POST "/api/v1/lots/{{lotC}}/ownerships"
      """
      {"owner_id": "{{anne}}", "share": "1", "start_date": "2020-01-01"}
      """
    And I send POST "/api/v1/buildings/{{building}}/call-for-funds"
      """
      {"title": "Old", "period": "yearly", "ordinary_amount": "10", "call_date": "2020-01-05", "due_date": "2020-02-05"}
      """
    And I remember the response field "id" as "old"
    And I send PUT "/api/v1/call-for-funds/{{old}}/send"
    And I send POST "/api/v1/buildings/{{building}}/call-for-funds"
      """
      {"title": "Far", "period": "yearly", "ordinary_amount": "10", "call_date": "2099-01-05", "due_date": "2099-02-05"}
      """
    And I remember the response field "id" as "far"
    And I send PUT "/api/v1/call-for-funds/{{far}}/send"
    When I send GET "/api/v1/call-for-funds/{{old}}"
    Then the response field "overdue" is true
    When I send GET "/api/v1/buildings/{{building}}/call-for-funds?overdue=true"
    Then the response field "data" has 1 items
    And the response field "data[0].title" is "Old"

  Scenario Outline: Invalid calls are refused with the field named
    When I send POST "/api/v1/buildings/{{building}}/call-for-funds"
      """
      <body>
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "<field>"

    Examples:
      | body                                                                                                              | field           |
      | {"title": "X", "period": "quarterly", "ordinary_amount": "10", "call_date": "2026-02-05", "due_date": "2026-02-05"} | due_date        |
      | {"title": "X", "period": "weekly", "ordinary_amount": "10", "call_date": "2026-01-05", "due_date": "2026-02-05"}    | period          |
      | {"title": "X", "period": "quarterly", "call_date": "2026-01-05", "due_date": "2026-02-05"}                          | ordinary_amount |
      | {"title": "X", "period": "quarterly", "ordinary_amount": "1.001", "call_date": "2026-01-05", "due_date": "2026-02-05"} | ordinary_amount |

  Scenario: An owner's statement runs their calls and payments with the balance due
    Given I send POST "/api/v1/lots/{{lotA}}/ownerships"
      """
      {"owner_id": "{{anne}}", "share": "1", "start_date": "2020-01-01"}
      """
    And I send POST "/api/v1/lots/{{lotB}}/ownerships"
      """
      {"owner_id": "{{bruno}}", "share": "1", "start_date": "2020-01-01"}
      """
    And I send POST "/api/v1/lots/{{lotC}}/ownerships"
      """
      {"owner_id": "{{chloe}}", "share": "1", "start_date": "2020-01-01"}
      """
    And I send POST "/api/v1/buildings/{{building}}/call-for-funds"
      """
      {"title": "T1", "period": "quarterly", "ordinary_amount": "1000", "call_date": "2026-01-05", "due_date": "2026-02-05"}
      """
    And I remember the response field "id" as "t1"
    And I send POST "/api/v1/buildings/{{building}}/call-for-funds"
      """
      {"title": "T2", "period": "quarterly", "ordinary_amount": "1000", "call_date": "2026-04-05", "due_date": "2026-05-05"}
      """
    And I remember the response field "id" as "t2"
    And I send PUT "/api/v1/call-for-funds/{{t1}}/send"
    And I send POST "/api/v1/call-for-funds/{{t1}}/payments"
      """
      {"owner_id": "{{anne}}", "amount": "250", "paid_on": "2026-01-20"}
      """
    And I send POST "/api/v1/call-for-funds/{{t1}}/payments"
      """
      {"owner_id": "{{anne}}", "amount": "350", "paid_on": "2026-02-01"}
      """
    When I send GET "/api/v1/owners/{{anne}}/statement?building_id={{building}}"
    Then the response status is 200
    And the response field "lines" has 3 items
    And the response field "balance" is "0.00"
    When I send PUT "/api/v1/call-for-funds/{{t2}}/send"
    And I send PUT "/api/v1/call-for-funds/{{t2}}/mark-paid"
      """
      {"paid_on": "2026-04-20"}
      """
    And I send GET "/api/v1/owners/{{bruno}}/statement"
    Then the response field "lines" has 3 items
    And the response field "lines[0].kind" is "call"
    And the response field "lines[0].debit" is "300.00"
    And the response field "lines[0].balance" is "300.00"
    And the response field "lines[1].kind" is "call"
    And the response field "lines[1].date" is "2026-04-05"
    And the response field "lines[1].balance" is "600.00"
    And the response field "lines[2].kind" is "payment"
    And the response field "lines[2].credit" is "300.00"
    And the response field "lines[2].balance" is "300.00"
    And the response field "total_called" is "600.00"
    And the response field "total_paid" is "300.00"
    And the response field "balance" is "300.00"
    When I send GET "/api/v1/owners/{{anne}}/statement"
    Then the response field "lines" has 5 items
    And the response field "lines[1].description" is "Paiement: T1"
    And the response field "lines[1].balance" is "350.00"
    And the response field "lines[3].date" is "2026-04-05"
    And the response field "lines[3].balance" is "600.00"
    And the response field "lines[4].credit" is "600.00"
    And the response field "balance" is "0.00"
    When I send GET "/api/v1/owners/{{anne}}/statement?building_id=not-a-uuid"
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "building_id"

  Scenario: An owner reads their own statement and no one else's
    Given "sam" invites "olga" as "owner"
    And "olga" registers with the invitation
    And I am "olga"
    And I send GET "/api/v1/auth/me"
    And I remember the response field "id" as "olgaUser"
    And I am "sam"
    When I send POST "/api/v1/owners"
      """
      {"name": "Olga", "user_id": "{{olgaUser}}"}
      """
    And I remember the response field "id" as "olga"
    And I send POST "/api/v1/lots/{{lotA}}/ownerships"
      """
      {"owner_id": "{{olga}}", "share": "1", "start_date": "2020-01-01"}
      """
    And I send POST "/api/v1/lots/{{lotB}}/ownerships"
      """
      {"owner_id": "{{bruno}}", "share": "1", "start_date": "2020-01-01"}
      """
    And I send POST "/api/v1/lots/{{lotC}}/ownerships"
      """
      {"owner_id": "{{chloe}}", "share": "1", "start_date": "2020-01-01"}
      """
    And I send POST "/api/v1/buildings/{{building}}/call-for-funds"
      """
      {"title": "T1", "period": "quarterly", "ordinary_amount": "1000", "call_date": "2026-01-05", "due_date": "2026-02-05"}
      """
    And I remember the response field "id" as "t1"
    And I send PUT "/api/v1/call-for-funds/{{t1}}/send"
    Given I am "olga"
    When I send GET "/api/v1/owners/{{olga}}/statement"
    Then the response status is 200
    And the response field "balance" is "600.00"
    When I send GET "/api/v1/owners/{{bruno}}/statement"
    Then the response is a problem 404 with code "not_found"
    When I send GET "/api/v1/call-for-funds/{{t1}}"
    Then the response is a problem 403 with code "forbidden"

  Scenario: Each owner gets a notice with the account to pay into and a structured communication of their own
    Given I send POST "/api/v1/lots/{{lotA}}/ownerships"
      """
      {"owner_id": "{{anne}}", "share": "1", "start_date": "2020-01-01"}
      """
    And I send POST "/api/v1/lots/{{lotB}}/ownerships"
      """
      {"owner_id": "{{bruno}}", "share": "1", "start_date": "2020-01-01"}
      """
    And I send POST "/api/v1/lots/{{lotC}}/ownerships"
      """
      {"owner_id": "{{chloe}}", "share": "1", "start_date": "2020-01-01"}
      """
    When I send PATCH "/api/v1/buildings/{{building}}"
      """
      {"working_fund_iban": "BE68 5390 0754 7035"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the response field "field" is "working_fund_iban"
    When I send POST "/api/v1/buildings/{{building}}/call-for-funds"
      """
      {"title": "T2 2026", "period": "quarterly", "ordinary_amount": "900", "extraordinary_amount": "100", "call_date": "2026-04-01", "due_date": "2026-05-01"}
      """
    And I remember the response field "id" as "call"
    When I send POST "/api/v1/call-for-funds/{{call}}/notices"
    Then the response is a problem 409 with code "call_not_sent"
    When I send PUT "/api/v1/call-for-funds/{{call}}/send"
    Then the response field "contributions" has an item whose "communication" is "+++000/0000/00101+++"
    And the response field "contributions" has an item whose "communication" is "+++000/0000/00202+++"
    And the response field "contributions" has an item whose "communication" is "+++000/0000/00303+++"
    When I send POST "/api/v1/call-for-funds/{{call}}/notices"
    Then the response is a problem 409 with code "no_bank_account"
    And the response field "field" is "working_fund_iban"
    When I send PATCH "/api/v1/buildings/{{building}}"
      """
      {"working_fund_iban": "be68 5390 0754 7034", "reserve_fund_iban": "BE71 0961 2345 6769"}
      """
    Then the response status is 200
    And the response field "working_fund_iban" is "BE68539007547034"
    And the response field "reserve_fund_iban" is "BE71096123456769"
    When I send POST "/api/v1/call-for-funds/{{call}}/notices"
    Then the response status is 201
    And the response field "data" has 3 items
    When I send GET "/api/v1/owners/{{anne}}/documents"
    Then the response field "data" has 1 items
    And the response field "data[0].title" is "Appel de fonds : T2 2026"
    And I remember the response field "data[0].id" as "notice"
    When I send GET "/api/v1/documents/{{notice}}/versions/1/content"
    Then the response status is 200
    And the downloaded PDF reads "Propriétaire : Anne"
    And the downloaded PDF reads "Montant à payer : 600,00 €"
    And the downloaded PDF reads "Compte du fonds de roulement : BE68 5390 0754 7034"
    And the downloaded PDF reads "Communication structurée : +++000/0000/00"
    And the downloaded PDF reads "600 / 1000"

  Scenario: Sending a call emails each owner with an address their notice, attached as a PDF
    Given I send POST "/api/v1/lots/{{lotA}}/ownerships"
      """
      {"owner_id": "{{anne}}", "share": "1", "start_date": "2020-01-01"}
      """
    And I send POST "/api/v1/lots/{{lotB}}/ownerships"
      """
      {"owner_id": "{{bruno}}", "share": "1", "start_date": "2020-01-01"}
      """
    And I send POST "/api/v1/lots/{{lotC}}/ownerships"
      """
      {"owner_id": "{{chloe}}", "share": "1", "start_date": "2020-01-01"}
      """
    And I send PATCH "/api/v1/owners/{{anne}}"
      """
      {"email": "anne@example.com"}
      """
    And I send PATCH "/api/v1/buildings/{{building}}"
      """
      {"working_fund_iban": "BE68539007547034"}
      """
    And I send POST "/api/v1/buildings/{{building}}/call-for-funds"
      """
      {"title": "T3 2026", "period": "quarterly", "ordinary_amount": "1000", "call_date": "2026-07-01", "due_date": "2026-08-01"}
      """
    And I remember the response field "id" as "call"
    When I send PUT "/api/v1/call-for-funds/{{call}}/send"
    Then the response field "status" is "sent"
    And the outbox holds 1 email to "anne", one about "Montant à payer : 600,00 €"
    And the email to "anne" has the attachment "appel-de-fonds-{{anne}}.pdf" reading "Communication structurée : +++000/0000/00"
    And the outbox holds no email to "bruno"
    When I send GET "/api/v1/owners/{{bruno}}/documents"
    Then the response field "data" has 1 items
    And the response field "data[0].title" is "Appel de fonds : T3 2026"
