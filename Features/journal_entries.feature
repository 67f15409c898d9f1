Feature: Double-entry journal
  Each building keeps its own books under the Belgian PCMN for co-ownerships. Entries balance
  to the cent, use only accounts of the building's chart, get a gapless number per journal
  and fiscal year, and are never edited once posted: a mistake is corrected by a reversal.

  Background:
    Given the API is running
    And the syndic "sam" of "Syndic Dupont" manages the building "Résidence Les Tilleuls" of 1000 tantièmes
    And the building's chart has the accounts:
      | code | label                    |
      | 610  | Entretien et réparations |
      | 611  | Nettoyage                |

  Scenario: A new building's chart is seeded from the PCMN
    When I send GET "/api/v1/buildings/{{building}}/accounts"
    Then the response status is 200
    And the response field "data[0].code" is "1"
    And the response field "data[0].label" is "Fonds propres, provisions pour risques et charges et dettes à plus d'un an"
    When I send POST "/api/v1/buildings/{{building}}/accounts"
      """
      {"code": "6101", "label": "Entretien ascenseur"}
      """
    Then the response status is 201
    And the response field "class" is the number 6
    And the response field "kind" is "expense"
    When I send POST "/api/v1/buildings/{{building}}/accounts"
      """
      {"code": "6101", "label": "Twice"}
      """
    Then the response is a problem 409 with code "account_exists"

  Scenario: A balanced entry is posted with its number
    When I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "ACH", "type": "manual", "entry_date": "2026-02-10", "description": "Facture ascenseur", "document_ref": "F-2026-17",
       "lines": [{"account_code": "610", "debit": "1210.00"}, {"account_code": "440", "credit": 1210}]}
      """
    Then the response status is 201
    And the response field "number" is "ACH-2026-000001"
    And the response field "draft" is false
    And the response field "total_debit" is "1210.00"
    And the response field "total_credit" is "1210.00"
    When I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "ACH", "type": "manual", "entry_date": "2026-03-01", "description": "Facture nettoyage",
       "lines": [{"account_code": "611", "debit": "300"}, {"account_code": "440", "credit": "300"}]}
      """
    Then the response field "number" is "ACH-2026-000002"

  Scenario: An unbalanced entry is refused, stating both sums, and consumes no number
    When I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "ACH", "type": "manual", "entry_date": "2026-02-10", "description": "Off by a cent",
       "lines": [{"account_code": "610", "debit": "100.00"}, {"account_code": "440", "credit": "99.99"}]}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the response field "detail" is "lines are not balanced: debits 100.00, credits 99.99"
    When I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "ACH", "type": "manual", "entry_date": "2026-02-10", "description": "Balanced",
       "lines": [{"account_code": "610", "debit": "100.00"}, {"account_code": "440", "credit": "100.00"}]}
      """
    Then the response field "number" is "ACH-2026-000001"

  Scenario Outline: Malformed entries are refused with the field named
    When I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "<journal>", "type": "manual", "entry_date": "2026-02-10", "description": "x", "lines": <lines>}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "<field>"

    Examples:
      | journal | lines                                                                                              | field                  |
      | ACH     | [{"account_code": "999", "debit": "10"}, {"account_code": "440", "credit": "10"}]                   | lines[0].account_code  |
      | ACH     | [{"account_code": "610", "debit": "10", "credit": "10"}, {"account_code": "440", "credit": "10"}]   | lines[0]               |
      | ACH     | [{"account_code": "610"}, {"account_code": "440", "credit": "10"}]                                  | lines[0]               |
      | ACH     | [{"account_code": "610", "debit": "-10"}, {"account_code": "440", "credit": "-10"}]                 | lines[0]               |
      | ACH     | [{"account_code": "610", "debit": "10"}]                                                            | lines                  |
      | XYZ     | [{"account_code": "610", "debit": "10"}, {"account_code": "440", "credit": "10"}]                   | journal                |

  Scenario: Numbering stays gapless under 20 concurrent posts
    When 20 balanced entries are posted at once in journal "FIN" of "building"
    Then the entries of journal "FIN" of "building" are numbered 1 to 20 without a gap

  Scenario: A posted entry is never deleted; a draft is, and a draft gets its number when posted
    When I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "ODS", "type": "manual", "entry_date": "2026-04-01", "description": "Posted",
       "lines": [{"account_code": "610", "debit": "5"}, {"account_code": "440", "credit": "5"}]}
      """
    And I remember the response field "id" as "posted"
    And I send DELETE "/api/v1/journal-entries/{{posted}}"
    Then the response is a problem 409 with code "illegal_transition"
    When I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "ODS", "type": "manual", "entry_date": "2026-04-02", "description": "Draft", "draft": true,
       "lines": [{"account_code": "610", "debit": "7"}, {"account_code": "440", "credit": "7"}]}
      """
    Then the response field "draft" is true
    And the response has no field "number"
    And I remember the response field "id" as "draft"
    When I send POST "/api/v1/journal-entries/{{draft}}/post"
    Then the response status is 200
    And the response field "number" is "ODS-2026-000002"
    When I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "ODS", "type": "manual", "entry_date": "2026-04-03", "description": "Draft to drop", "draft": true,
       "lines": [{"account_code": "610", "debit": "9"}, {"account_code": "440", "credit": "9"}]}
      """
    And I remember the response field "id" as "drop"
    And I send DELETE "/api/v1/journal-entries/{{drop}}"
    Then the response status is 204
    When I send GET "/api/v1/journal-entries/{{drop}}"
    Then the response is a problem 404 with code "not_found"

  Scenario: A reversal posts the mirror entry, once, and the trial balance nets out
    When I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "ACH", "type": "manual", "entry_date": "2026-02-10", "description": "Wrong invoice",
       "lines": [{"account_code": "610", "debit": "250.50"}, {"account_code": "440", "credit": "250.50"}]}
      """
    And I remember the response field "id" as "wrong"
    And I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "FIN", "type": "expense_payment", "entry_date": "2026-02-20", "description": "Paid",
       "lines": [{"account_code": "440", "debit": "100"}, {"account_code": "550", "credit": "100"}]}
      """
    When I send POST "/api/v1/journal-entries/{{wrong}}/reverse"
      """
      {"entry_date": "2026-02-28"}
      """
    Then the response status is 201
    And the response field "number" is "ACH-2026-000002"
    And the response field "reversal_of" is "{{wrong}}"
    And the response field "lines[0].credit" is "250.50"
    When I send POST "/api/v1/journal-entries/{{wrong}}/reverse"
    Then the response is a problem 409 with code "already_reversed"
    When I send GET "/api/v1/buildings/{{building}}/journal-entries/balance"
    Then the response status is 200
    And the response field "total_debit" is "601.00"
    And the response field "total_credit" is "601.00"
    And the response field "accounts[0].account_code" is "440"
    And the response field "accounts[0].balance" is "100.00"
    And the response field "accounts[1].account_code" is "550"
    And the response field "accounts[1].balance" is "-100.00"
    And the response field "accounts[2].account_code" is "610"
    And the response field "accounts[2].balance" is "0.00"
    When I send GET "/api/v1/buildings/{{building}}/journal-entries?account=550"
    Then the response field "data" has 1 items
    When I send GET "/api/v1/buildings/{{building}}/journal-entries?journal=ACH&from=2026-02-01&to=2026-02-15"
    Then the response field "data" has 1 items

  Scenario: Another organization's books do not exist for you; owners cannot post
    Given "zoe" has registered the organization "Other syndic"
    And "sam" invites "olga" as "owner"
    And "olga" registers with the invitation
    And I am "zoe"
    When I send GET "/api/v1/buildings/{{building}}/journal-entries/balance"
    Then the response is a problem 404 with code "not_found"
    Given I am "olga"
    When I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "ACH", "type": "manual", "entry_date": "2026-02-10", "description": "x",
       "lines": [{"account_code": "610", "debit": "1"}, {"account_code": "440", "credit": "1"}]}
      """
    Then the response is a problem 403 with code "forbidden"

  Scenario: Closing a year zeroes charges and revenue into the result, reopens the balances, and locks the year
    When I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "ACH", "type": "manual", "entry_date": "2026-03-10", "description": "Entretien",
       "lines": [{"account_code": "610", "debit": "1000"}, {"account_code": "440", "credit": "1000"}]}
      """
    And I remember the response field "id" as "invoice"
    And I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "VEN", "type": "call_for_funds", "entry_date": "2026-01-05", "description": "Appel",
       "lines": [{"account_code": "410", "debit": "1200"}, {"account_code": "700", "credit": "1200"}]}
      """
    And I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "FIN", "type": "payment_received", "entry_date": "2026-01-20", "description": "Paiements",
       "lines": [{"account_code": "550", "debit": "1200"}, {"account_code": "410", "credit": "1200"}]}
      """
    When I send POST "/api/v1/buildings/{{building}}/journal-entries/year-end-closing"
      """
      {"fiscal_year": 2026}
      """
    Then the response status is 201
    And the response field "data" has 2 items
    And the response field "data[0].type" is "year_end_closing"
    And the response field "data[0].entry_date" is "2026-12-31"
    And the response field "data[1].type" is "opening_balance"
    And the response field "data[1].number" is "ODS-2027-000001"
    When I send GET "/api/v1/buildings/{{building}}/journal-entries/balance?fiscal_year=2026"
    Then the response field "total_debit" is the response field "total_credit"
    And the balance of account "140" is "-200.00"
    And the balance of account "610" is "0.00"
    And the balance of account "700" is "0.00"
    When I send GET "/api/v1/buildings/{{building}}/journal-entries/balance?fiscal_year=2027"
    Then the balance of account "140" is "-200.00"
    And the balance of account "440" is "-1000.00"
    And the balance of account "550" is "1200.00"
    When I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "ACH", "type": "manual", "entry_date": "2026-12-15", "description": "Late invoice",
       "lines": [{"account_code": "610", "debit": "5"}, {"account_code": "440", "credit": "5"}]}
      """
    Then the response is a problem 409 with code "fiscal_year_closed"
    When I send POST "/api/v1/journal-entries/{{invoice}}/reverse"
      """
      {"entry_date": "2026-12-31"}
      """
    Then the response is a problem 409 with code "fiscal_year_closed"
    When I send POST "/api/v1/buildings/{{building}}/journal-entries/year-end-closing"
      """
      {"fiscal_year": 2026}
      """
    Then the response is a problem 409 with code "fiscal_year_closed"
    When I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "ACH", "type": "manual", "entry_date": "2027-01-15", "description": "Next year",
       "lines": [{"account_code": "610", "debit": "5"}, {"account_code": "440", "credit": "5"}]}
      """
    Then the response field "number" is "ACH-2027-000001"

  Scenario: A fiscal year exports as CSV in the FEC layout
    When I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "ACH", "type": "manual", "entry_date": "2026-02-10", "description": "Facture; ascenseur", "document_ref": "F-17",
       "lines": [{"account_code": "610", "debit": "1210.50"}, {"account_code": "440", "credit": "1210.50"}]}
      """
    And I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "ACH", "type": "manual", "entry_date": "2025-12-10", "description": "Last year",
       "lines": [{"account_code": "610", "debit": "1"}, {"account_code": "440", "credit": "1"}]}
      """
    When I send GET "/api/v1/buildings/{{building}}/journal-entries/export?fiscal_year=2026"
    Then the response status is 200
    And the response header "Content-Type" is "text/csv; charset=utf-8"
    And line 1 of the response body is
      """
      JournalCode;JournalLib;EcritureNum;EcritureDate;CompteNum;CompteLib;CompAuxNum;CompAuxLib;PieceRef;PieceDate;EcritureLib;Debit;Credit;EcritureLet;DateLet;ValidDate;Montantdevise;Idevise
      """
    And line 2 of the response body is
      """
      ACH;Achats;ACH-2026-000001;20260210;610;Entretien et réparations;;;F-17;20260210;"Facture; ascenseur";1210,50;0,00;;;20260210;;
      """
    And line 3 of the response body is
      """
      ACH;Achats;ACH-2026-000001;20260210;440;Fournisseurs;;;F-17;20260210;"Facture; ascenseur";0,00;1210,50;;;20260210;;
      """
    And line 4 of the response body is
      """

      """
    When I send GET "/api/v1/buildings/{{building}}/journal-entries/export"
    Then the response is a problem 422 with code "missing_field"
