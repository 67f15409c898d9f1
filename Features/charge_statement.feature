Feature: Charge keys and the yearly charge statement
  A building's charges are spread by the lots' tantièmes, unless a special charge key gives each
  lot its own weight: a lift the ground floor does not use, heating by heated surface. Each
  approved invoice is spread over the lots by its key, then over each lot's owners by their
  shares on the invoice date, exact to the cent. Once a year each owner gets a charge statement:
  the year's ordinary charges, by key and account, against the advances called from them, and
  the balance to pay or to be refunded. Extraordinary charges are borne by whoever owned the lot
  on the date of each call (Civil Code art. 3.94 §2). Closing the year posts the balances to the
  owners' accounts and sends each owner their statement.

  Background:
    Given the API is running
    And today is "2026-01-05"
    And the syndic "sam" of "Syndic Dupont" manages the building "Résidence Les Tilleuls" of 1000 tantièmes
    And the building's chart has the accounts:
      | code | label                    |
      | 610  | Entretien et réparations |
      | 6101 | Ascenseur                |
    And the building has the lots:
      | number | type      | tantiemes |
      | RDC    | apartment | 200       |
      | 1      | apartment | 300       |
      | 2      | apartment | 500       |
    And I send POST "/api/v1/owners"
      """
      {"name": "Anne", "email": "anne@example.com"}
      """
    And I remember the response field "id" as "anne"
    And the owners:
      | name  |
      | Bruno |
      | Chloé |
    And the lots are owned as follows:
      | lot | owner |
      | RDC | anne  |
      | 1   | bruno |
      | 2   | chloe |
    And I send POST "/api/v1/suppliers"
      """
      {"name": "Ascenseurs Schindler", "vat_number": "BE0854541096"}
      """
    And I remember the response field "id" as "supplier"

  Scenario: A special lift key spares the ground floor
    When I send POST "/api/v1/buildings/{{building}}/charge-keys"
      """
      {"name": "Ascenseur", "weights": [{"lot_id": "{{lot1}}", "weight": 300}, {"lot_id": "{{lot2}}", "weight": 500}],
       "accounts": ["6101"]}
      """
    Then the response status is 201
    And I remember the response field "id" as "lift"
    When I send POST "/api/v1/buildings/{{building}}/charge-keys"
      """
      {"name": "Ascenseur bis", "weights": [{"lot_id": "{{lot1}}", "weight": 1}], "accounts": ["6101"]}
      """
    Then the response is a problem 409 with code "account_taken"
    When I send POST "/api/v1/buildings/{{building}}/charge-keys"
      """
      {"name": "Vide", "weights": [{"lot_id": "{{lot1}}", "weight": 0}]}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "weights"
    When I send POST "/api/v1/buildings/{{building}}/invoices"
      """
      {"supplier_id": "{{supplier}}", "category": "maintenance", "charge_account": "6101", "invoice_date": "2026-03-10",
       "due_date": "2026-04-10", "net_amount": "1000.00", "vat_rate": "0"}
      """
    And I remember the response field "id" as "invoice"
    When I send GET "/api/v1/invoices/{{invoice}}/distribution"
    Then the response is a problem 409 with code "not_booked"
    Given I send POST "/api/v1/invoices/{{invoice}}/submit"
    And I send POST "/api/v1/invoices/{{invoice}}/approve"
    When I send GET "/api/v1/invoices/{{invoice}}/distribution"
    Then the response status is 200
    And the response field "charge_key_name" is "Ascenseur"
    And the response field "lots" has an item whose "lot_number" is "RDC"
    And the response field "lots[0].lot_number" is "1"
    And the response field "lots[0].amount" is "375.00"
    And the response field "lots[1].lot_number" is "2"
    And the response field "lots[1].amount" is "625.00"
    And the response field "lots[1].owners[0].owner_id" is "{{chloe}}"
    And the response field "lots[2].lot_number" is "RDC"
    And the response field "lots[2].amount" is "0.00"

  Scenario: An invoice is spread to the cent, over the lots and over a lot's co-owners
    Given the owners:
      | name  |
      | David |
    And I send POST "/api/v1/lots/{{lot2}}/transfers"
      """
      {"from_owner_id": "{{chloe}}", "to_owner_id": "{{david}}", "date": "2026-01-01"}
      """
    And I send GET "/api/v1/lots/{{lot2}}/ownerships"
    When I send POST "/api/v1/buildings/{{building}}/charge-keys"
      """
      {"name": "Parts égales", "weights": [{"lot_id": "{{lotRDC}}", "weight": 1}, {"lot_id": "{{lot1}}", "weight": 1},
       {"lot_id": "{{lot2}}", "weight": 1}]}
      """
    And I remember the response field "id" as "equal"
    And I send POST "/api/v1/buildings/{{building}}/invoices"
      """
      {"supplier_id": "{{supplier}}", "charge_account": "610", "charge_key_id": "{{equal}}", "invoice_date": "2026-03-10",
       "due_date": "2026-04-10", "net_amount": "100.00", "vat_rate": "0"}
      """
    And I remember the response field "id" as "invoice"
    And I send POST "/api/v1/invoices/{{invoice}}/submit"
    And I send POST "/api/v1/invoices/{{invoice}}/approve"
    When I send GET "/api/v1/invoices/{{invoice}}/distribution"
    Then the response field "amount" is "100.00"
    And the response field "lots" has an item whose "amount" is "33.34"
    And the response field "lots" has an item whose "amount" is "33.33"
    And the response field "lots" has no item whose "amount" is "33.35"
    And the response field "lots[1].owners" has 1 items
    And the response field "lots[1].owners[0].owner_id" is "{{david}}"

  Scenario: A year's statement sets the charges against the advances, and closing it posts the balances
    Given I send POST "/api/v1/buildings/{{building}}/charge-keys"
      """
      {"name": "Ascenseur", "weights": [{"lot_id": "{{lot1}}", "weight": 300}, {"lot_id": "{{lot2}}", "weight": 500}],
       "accounts": ["6101"]}
      """
    And I send POST "/api/v1/buildings/{{building}}/call-for-funds"
      """
      {"title": "Provisions 2026", "period": "yearly", "ordinary_amount": "3000.00", "call_date": "2026-01-05",
       "due_date": "2026-02-05"}
      """
    And I remember the response field "id" as "call"
    And I send PUT "/api/v1/call-for-funds/{{call}}/send"
    And I send POST "/api/v1/buildings/{{building}}/invoices"
      """
      {"supplier_id": "{{supplier}}", "charge_account": "610", "invoice_date": "2026-02-10", "due_date": "2026-03-10",
       "net_amount": "2300.00", "vat_rate": "0"}
      """
    And I remember the response field "id" as "upkeep"
    And I send POST "/api/v1/invoices/{{upkeep}}/submit"
    And I send POST "/api/v1/invoices/{{upkeep}}/approve"
    And I send POST "/api/v1/buildings/{{building}}/invoices"
      """
      {"supplier_id": "{{supplier}}", "charge_account": "6101", "invoice_date": "2026-03-10", "due_date": "2026-04-10",
       "net_amount": "1000.00", "vat_rate": "0"}
      """
    And I remember the response field "id" as "lift"
    And I send POST "/api/v1/invoices/{{lift}}/submit"
    And I send POST "/api/v1/invoices/{{lift}}/approve"
    # A draft is not a charge of the year.
    And I send POST "/api/v1/buildings/{{building}}/invoices"
      """
      {"supplier_id": "{{supplier}}", "charge_account": "610", "invoice_date": "2026-04-10", "due_date": "2026-05-10",
       "net_amount": "999.00", "vat_rate": "0"}
      """
    When I send GET "/api/v1/buildings/{{building}}/charge-statements?fiscal_year=2026"
    Then the response status is 200
    And the response field "closed" is false
    When I send GET "/api/v1/owners/{{anne}}/charge-statement?building_id={{building}}&fiscal_year=2026"
    Then the response field "ordinary_charges" is "460.00"
    And the response field "ordinary_advances" is "600.00"
    And the response field "balance" is "-140.00"
    And the response field "charges" has 1 items
    When I send GET "/api/v1/owners/{{bruno}}/charge-statement?building_id={{building}}&fiscal_year=2026"
    Then the response field "ordinary_charges" is "1065.00"
    And the response field "ordinary_advances" is "900.00"
    And the response field "balance" is "165.00"
    And the response field "charges" has an item whose "key" is "Ascenseur"
    And the response field "charges" has an item whose "amount" is "375.00"
    And the response field "charges" has an item whose "amount" is "690.00"
    When I send GET "/api/v1/owners/{{chloe}}/charge-statement?building_id={{building}}&fiscal_year=2026"
    Then the response field "balance" is "275.00"
    When I send POST "/api/v1/buildings/{{building}}/charge-statements/close"
      """
      {"fiscal_year": 2026}
      """
    Then the response status is 200
    And the response field "closed" is true
    And the response field "data" has 3 items
    When I send GET "/api/v1/buildings/{{building}}/journal-entries/balance?fiscal_year=2026"
    Then the balance of account "410" is "3300.00"
    And the balance of account "700" is "-3300.00"
    And the outbox holds 1 email to "anne@example.com", one about "votre décompte de charges 2026"
    When I send POST "/api/v1/buildings/{{building}}/charge-statements/close"
      """
      {"fiscal_year": 2026}
      """
    Then the response is a problem 409 with code "statements_closed"
    When I send GET "/api/v1/buildings/{{building}}/charge-statements?fiscal_year=1999"
    Then the response is a problem 422 with code "validation_failed"

  Scenario: After a sale the seller bears the charges before the transfer, the buyer those after and the works called after it
    Given the owners:
      | name  |
      | David |
    And I send POST "/api/v1/buildings/{{building}}/call-for-funds"
      """
      {"title": "Provisions 2026", "period": "yearly", "ordinary_amount": "2000.00", "call_date": "2026-01-05",
       "due_date": "2026-02-05"}
      """
    And I remember the response field "id" as "call"
    And I send PUT "/api/v1/call-for-funds/{{call}}/send"
    And I send POST "/api/v1/buildings/{{building}}/invoices"
      """
      {"supplier_id": "{{supplier}}", "charge_account": "610", "invoice_date": "2026-03-10", "due_date": "2026-04-10",
       "net_amount": "1000.00", "vat_rate": "0"}
      """
    And I remember the response field "id" as "before"
    And I send POST "/api/v1/invoices/{{before}}/submit"
    And I send POST "/api/v1/invoices/{{before}}/approve"
    And I send POST "/api/v1/lots/{{lot2}}/transfers"
      """
      {"from_owner_id": "{{chloe}}", "to_owner_id": "{{david}}", "date": "2026-07-01"}
      """
    And I send POST "/api/v1/buildings/{{building}}/call-for-funds"
      """
      {"title": "Toiture", "period": "one_time", "ordinary_amount": "0", "extraordinary_amount": "1000.00",
       "call_date": "2026-08-01", "due_date": "2026-09-01"}
      """
    And I remember the response field "id" as "works"
    And I send PUT "/api/v1/call-for-funds/{{works}}/send"
    And I send POST "/api/v1/buildings/{{building}}/invoices"
      """
      {"supplier_id": "{{supplier}}", "charge_account": "610", "invoice_date": "2026-09-10", "due_date": "2026-10-10",
       "net_amount": "1000.00", "vat_rate": "0"}
      """
    And I remember the response field "id" as "after"
    And I send POST "/api/v1/invoices/{{after}}/submit"
    And I send POST "/api/v1/invoices/{{after}}/approve"
    When I send GET "/api/v1/owners/{{chloe}}/charge-statement?building_id={{building}}&fiscal_year=2026"
    Then the response field "ordinary_charges" is "500.00"
    And the response field "ordinary_advances" is "1000.00"
    And the response field "extraordinary_called" is "0.00"
    And the response field "balance" is "-500.00"
    When I send GET "/api/v1/owners/{{david}}/charge-statement?building_id={{building}}&fiscal_year=2026"
    Then the response field "ordinary_charges" is "500.00"
    And the response field "ordinary_advances" is "0.00"
    And the response field "extraordinary_called" is "500.00"
    And the response field "balance" is "500.00"
