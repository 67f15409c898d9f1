Feature: Supplier invoices, from the scan to the books
  The syndic pays the building's contractors. Each invoice names its supplier (from the
  organization's directory, whose VAT numbers and IBANs are checked), the charge account it
  goes to, its dates and its amounts: the VAT is computed exactly from the net amount and the
  rate. A draft is submitted, then approved by the syndic, and also by a member of the board
  when its total passes the amount from which the assembly made competitive tendering
  mandatory. The approval that completes it posts the purchase entry (ACH: the charge account
  debited, 440 Fournisseurs credited); paying it posts the bank entry (FIN: 440 debited, 550
  credited). A scanned invoice pre-fills a draft, each field with the confidence of its reading.

  Background:
    Given the API is running
    And the syndic "sam" of "Syndic Dupont" manages the building "Résidence Les Tilleuls" of 1000 tantièmes
    And today is "2026-03-02"
    And the building's chart has the accounts:
      | code | label                    |
      | 610  | Entretien et réparations |
      | 611  | Nettoyage                |
    And I send POST "/api/v1/suppliers"
      """
      {"name": "Plomberie Dubois SRL", "vat_number": "BE0854.541.096", "iban": "BE66 3117 8285 5743",
       "email": "compta@dubois.be"}
      """
    And I remember the response field "id" as "dubois"

  Scenario: The supplier directory checks VAT numbers and IBANs by their check digits
    Then the response field "vat_number" is "BE0854.541.096"
    And the response field "iban" is "BE66311782855743"
    When I send POST "/api/v1/suppliers"
      """
      {"name": "Faux", "vat_number": "BE0854541097"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "vat_number"
    When I send POST "/api/v1/suppliers"
      """
      {"name": "Faux", "iban": "BE66311782855744"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "iban"
    When I send POST "/api/v1/suppliers"
      """
      {"name": "Dubois bis", "vat_number": "BE0854541096"}
      """
    Then the response is a problem 409 with code "supplier_exists"
    When I send PATCH "/api/v1/suppliers/{{dubois}}"
      """
      {"email": null}
      """
    Then the response status is 200
    And the response has no field "email"
    And the response field "vat_number" is "BE0854.541.096"
    When I send GET "/api/v1/suppliers?name=dubois"
    Then the response field "data" has 1 items

  Scenario Outline: The VAT is worked exactly from the net amount and the rate
    When I send POST "/api/v1/buildings/{{building}}/invoices"
      """
      {"supplier_id": "{{dubois}}", "net_amount": "<net>", "vat_rate": <rate>}
      """
    Then the response status is 201
    And the response field "vat" is "<vat>"
    And the response field "total" is "<total>"

    Examples:
      | net     | rate   | vat    | total   |
      | 2666.94 | "21"   | 560.06 | 3227.00 |
      | 100.00  | 6      | 6.00   | 106.00  |
      | 0.10    | "12"   | 0.01   | 0.11    |
      | 0.02    | 21     | 0.00   | 0.02    |
      | 1000.00 | "5.5"  | 55.00  | 1055.00 |
      | 999.99  | "0"    | 0.00   | 999.99  |

  Scenario: A draft is submitted, approved by the syndic and booked, then paid
    When I send POST "/api/v1/buildings/{{building}}/invoices"
      """
      {"supplier_id": "{{dubois}}", "number": "2026/1940", "category": "repairs", "charge_account": "610",
       "invoice_date": "2026-02-10", "due_date": "2026-03-10", "net_amount": "2666.94", "vat_rate": "21"}
      """
    Then the response status is 201
    And the response field "status" is "draft"
    And I remember the response field "id" as "invoice"
    When I send POST "/api/v1/invoices/{{invoice}}/approve"
    Then the response is a problem 409 with code "illegal_transition"
    When I send POST "/api/v1/invoices/{{invoice}}/submit"
    Then the response field "status" is "pending_approval"
    And the response field "board_approval_required" is false
    When I send PATCH "/api/v1/invoices/{{invoice}}"
      """
      {"net_amount": "1.00"}
      """
    Then the response is a problem 409 with code "not_editable"
    When I send POST "/api/v1/invoices/{{invoice}}/approve"
    Then the response field "status" is "approved"
    And the response field "purchase_entry_number" is "ACH-2026-000001"
    When I send GET "/api/v1/buildings/{{building}}/journal-entries/balance?fiscal_year=2026"
    Then the balance of account "610" is "3227.00"
    And the balance of account "440" is "-3227.00"
    When I send POST "/api/v1/invoices/{{invoice}}/pay"
      """
      {"paid_on": "2026-03-05"}
      """
    Then the response field "status" is "paid"
    And the response field "payment_entry_number" is "FIN-2026-000001"
    When I send GET "/api/v1/buildings/{{building}}/journal-entries/balance?fiscal_year=2026"
    Then the balance of account "440" is "0.00"
    And the balance of account "550" is "-3227.00"
    When I send POST "/api/v1/invoices/{{invoice}}/pay"
    Then the response is a problem 409 with code "illegal_transition"
    When I send GET "/api/v1/buildings/{{building}}/invoices?status=paid&supplier_id={{dubois}}"
    Then the response field "data" has 1 items
    When I send GET "/api/v1/buildings/{{building}}/invoices?status=draft"
    Then the response field "data" has 0 items

  Scenario: Where the association recovers VAT, the VAT goes to 411 and the net amount is the charge
    When I send PUT "/api/v1/buildings/{{building}}/purchase-settings"
      """
      {"recovers_vat": true}
      """
    Then the response status is 200
    When I send POST "/api/v1/buildings/{{building}}/invoices"
      """
      {"supplier_id": "{{dubois}}", "charge_account": "611", "invoice_date": "2026-02-20", "due_date": "2026-03-20",
       "net_amount": "500.00", "vat_rate": "21"}
      """
    And I remember the response field "id" as "invoice"
    And I send POST "/api/v1/invoices/{{invoice}}/submit"
    And I send POST "/api/v1/invoices/{{invoice}}/approve"
    Then the response field "status" is "approved"
    When I send GET "/api/v1/buildings/{{building}}/journal-entries/balance?fiscal_year=2026"
    Then the balance of account "611" is "500.00"
    And the balance of account "411" is "105.00"
    And the balance of account "440" is "-605.00"

  Scenario: An incomplete draft cannot be submitted; a rejected invoice is corrected and resubmitted
    When I send POST "/api/v1/buildings/{{building}}/invoices"
      """
      {"supplier_id": "{{dubois}}", "charge_account": "610", "net_amount": "120.00", "vat_rate": "21"}
      """
    And I remember the response field "id" as "invoice"
    And I send POST "/api/v1/invoices/{{invoice}}/submit"
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "invoice_date"
    When I send PATCH "/api/v1/invoices/{{invoice}}"
      """
      {"invoice_date": "2026-02-25", "due_date": "2026-02-20"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "due_date"
    When I send PATCH "/api/v1/invoices/{{invoice}}"
      """
      {"invoice_date": "2026-02-25", "due_date": "2026-03-25", "charge_account": "440"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "charge_account"
    When I send PATCH "/api/v1/invoices/{{invoice}}"
      """
      {"invoice_date": "2026-02-25", "due_date": "2026-03-25"}
      """
    And I send POST "/api/v1/invoices/{{invoice}}/submit"
    Then the response field "status" is "pending_approval"
    When I send POST "/api/v1/invoices/{{invoice}}/reject"
      """
      {"reason": ""}
      """
    Then the response is a problem 422 with code "validation_failed"
    When I send POST "/api/v1/invoices/{{invoice}}/reject"
      """
      {"reason": "Le montant ne correspond pas au devis"}
      """
    Then the response field "status" is "rejected"
    And the response field "rejection_reason" is "Le montant ne correspond pas au devis"
    When I send PATCH "/api/v1/invoices/{{invoice}}"
      """
      {"net_amount": "100.00"}
      """
    Then the response field "total" is "121.00"
    When I send POST "/api/v1/invoices/{{invoice}}/submit"
    Then the response field "status" is "pending_approval"
    And the response has no field "rejection_reason"
    When I send GET "/api/v1/audit-log?entity=invoice&entity_id={{invoice}}"
    Then the response field "data[0].action" is "invoice.submitted"
    And the response field "data[1].action" is "invoice.updated"
    And the response field "data[2].action" is "invoice.rejected"

  Scenario: Above the tendering threshold, a board member approves too
    Given the building has the lots:
      | number | type      | tantiemes |
      | A      | apartment | 600       |
      | B      | apartment | 400       |
    And "sam" invites "anne" as "owner"
    And "anne" registers with the invitation
    And "sam" invites "bruno" as "owner"
    And "bruno" registers with the invitation
    And I am "sam"
    And I send PATCH "/api/v1/users/{{anne.id}}/role"
      """
      {"roles": ["owner", "board_member"]}
      """
    And I send PATCH "/api/v1/users/{{bruno.id}}/role"
      """
      {"roles": ["owner", "board_member"]}
      """
    And I send POST "/api/v1/owners"
      """
      {"name": "Anne", "user_id": "{{anne.id}}"}
      """
    And I remember the response field "id" as "anne"
    And I send POST "/api/v1/owners"
      """
      {"name": "Bruno", "user_id": "{{bruno.id}}"}
      """
    And I remember the response field "id" as "bruno"
    And the lots are owned as follows:
      | lot | owner |
      | A   | anne  |
      | B   | bruno |
    And an ordinary assembly is planned on "2026-03-23"
    And the agenda has the points:
      | title                              | decision_type |
      | Élection du conseil de copropriété | board_creation |
    And the syndic convenes the assembly
    And the attendance is:
      | owner | attendance |
      | anne  | present    |
      | bruno | present    |
    And the assembly opens
    And point 1 is put to the vote as "Élire Anne au conseil de copropriété"
    And the votes are:
      | owner | ballot |
      | anne  | yes    |
      | bruno | yes    |
    And the vote is closed
    And I send POST "/api/v1/buildings/{{building}}/mandates"
      """
      {"role": "board_member", "owner_id": "{{anne}}", "starts_on": "2026-03-23", "ends_on": "2027-03-22",
       "resolution_id": "{{resolution}}"}
      """
    And today is "2026-04-01"
    And "sam" logs in
    And I am "sam"
    And I send PUT "/api/v1/buildings/{{building}}/purchase-settings"
      """
      {"board_approval_threshold": "5000.00", "recovers_vat": false}
      """
    # 4,132.23 net at 21 % is 5,000.00 exactly: not above the threshold.
    When I send POST "/api/v1/buildings/{{building}}/invoices"
      """
      {"supplier_id": "{{dubois}}", "charge_account": "610", "invoice_date": "2026-03-30", "due_date": "2026-04-30",
       "net_amount": "4132.23", "vat_rate": "21"}
      """
    Then the response field "total" is "5000.00"
    And I remember the response field "id" as "small"
    When I send POST "/api/v1/invoices/{{small}}/submit"
    Then the response field "board_approval_required" is false
    When I send POST "/api/v1/invoices/{{small}}/approve"
    Then the response field "status" is "approved"
    When I send POST "/api/v1/buildings/{{building}}/invoices"
      """
      {"supplier_id": "{{dubois}}", "category": "works", "nature": "extraordinary", "charge_account": "610",
       "invoice_date": "2026-03-31", "due_date": "2026-04-30", "net_amount": "12000.00", "vat_rate": "6"}
      """
    And I remember the response field "id" as "works"
    And I send POST "/api/v1/invoices/{{works}}/submit"
    Then the response field "board_approval_required" is true
    # A works invoice is approved only with a validated work report (work_reports.feature).
    Given I send POST "/api/v1/buildings/{{building}}/work-reports"
      """
      {"supplier_id": "{{dubois}}", "invoice_id": "{{works}}", "work_kind": "Remplacement de la chaudière",
       "send_link": false, "finished_on": "2026-03-20", "accepted_on": "2026-03-25"}
      """
    And I remember the response field "id" as "works_report"
    And I send POST "/api/v1/work-reports/{{works_report}}/submit"
    And I send POST "/api/v1/work-reports/{{works_report}}/review"
    And I send POST "/api/v1/work-reports/{{works_report}}/validate"
    When I send POST "/api/v1/invoices/{{works}}/approve"
    Then the response field "status" is "pending_approval"
    And the response has no field "purchase_entry_number"
    When I send POST "/api/v1/invoices/{{works}}/approve"
    Then the response is a problem 409 with code "already_approved"
    # Bruno is on no board mandate: his role alone does not let him approve.
    Given "bruno" logs in
    And I am "bruno"
    When I send POST "/api/v1/invoices/{{works}}/approve"
    Then the response is a problem 403 with code "not_on_board"
    Given "anne" logs in
    And I am "anne"
    When I send POST "/api/v1/invoices/{{small}}/approve"
    Then the response is a problem 409 with code "illegal_transition"
    When I send POST "/api/v1/invoices/{{works}}/approve"
    Then the response field "status" is "approved"
    And the response field "purchase_entry_number" is "ACH-2026-000002"
    When I send POST "/api/v1/invoices/{{works}}/pay"
    Then the response is a problem 403 with code "forbidden"

  Scenario: A scanned invoice pre-fills a draft, each field with its confidence, and the syndic completes it
    Given I am "sam"
    When I upload the scan of the invoice "invoice-01" as "facture-dubois.png" to "/api/v1/documents" with the fields:
      | field | value          |
      | title | Facture Dubois |
      | type  | invoice        |
    And I remember the response field "id" as "scan"
    And the document "{{scan}}" has been read
    When I send POST "/api/v1/buildings/{{building}}/invoices/from-document"
      """
      {"document_id": "{{scan}}"}
      """
    Then the response status is 201
    And the response field "status" is "draft"
    And the response field "supplier_id" is "{{dubois}}"
    And the response field "number" is "2026/1940"
    And the response field "invoice_date" is "2026-02-10"
    And the response field "due_date" is "2026-03-10"
    And the response field "net_amount" is "2666.94"
    And the response field "vat_rate" is "21"
    And the response field "vat" is "560.06"
    And the response field "total" is "3227.00"
    And the response field "document_id" is "{{scan}}"
    And the response field "prefilled" has an item whose "field" is "supplier_id"
    And the response field "prefilled" has an item whose "field" is "net_amount"
    And the response field "prefilled[0].confidence" is a confidence above 0.5
    And I remember the response field "id" as "invoice"
    When I send POST "/api/v1/invoices/{{invoice}}/submit"
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "charge_account"
    When I send PATCH "/api/v1/invoices/{{invoice}}"
      """
      {"charge_account": "610", "category": "repairs"}
      """
    And I send POST "/api/v1/invoices/{{invoice}}/submit"
    Then the response field "status" is "pending_approval"

  Scenario: A document that is not an invoice, and another organization's invoice
    Given I am "sam"
    When I upload a PDF saying "Plan du rez-de-chaussée" as "plan.pdf" to "/api/v1/documents"
    And I remember the response field "id" as "plan"
    When I send POST "/api/v1/buildings/{{building}}/invoices/from-document"
      """
      {"document_id": "{{plan}}"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "document_id"
    When I send POST "/api/v1/buildings/{{building}}/invoices"
      """
      {"supplier_id": "{{dubois}}"}
      """
    And I remember the response field "id" as "invoice"
    And I remember the response field "building_id" as "tilleuls"
    Given the syndic "vera" of "Syndic Verhaegen" manages the building "Résidence Les Hêtres" of 1000 tantièmes
    And I am "vera"
    When I send GET "/api/v1/invoices/{{invoice}}"
    Then the response is a problem 404 with code "not_found"
    When I send GET "/api/v1/suppliers/{{dubois}}"
    Then the response is a problem 404 with code "not_found"
    When I send POST "/api/v1/buildings/{{tilleuls}}/invoices"
      """
      {"supplier_id": "{{dubois}}"}
      """
    Then the response is a problem 404 with code "not_found"
    When I send POST "/api/v1/buildings/{{building}}/invoices"
      """
      {"supplier_id": "{{dubois}}"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "supplier_id"
