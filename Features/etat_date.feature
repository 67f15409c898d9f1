Feature: The état daté for the sale of a lot
  Before a lot is sold, the syndic must tell the buyer and the notary what the books say (Civil
  Code art. 3.94): within 15 days of a simple request before the compromis (§1), within 30 days
  of the notary's registered request before the deed (§2). The periods run from receipt and are
  counted as the Civil Code counts (art. 1.7): the day of receipt is not counted, and a period
  ending on a Saturday, a Sunday or a public holiday runs to the next working day. The figures
  are computed from the ledger, the calls for funds, the reminders, the charge statements and
  the assemblies; the syndic fills by hand only what the books cannot know, and the état daté
  is not generated while such a section is missing. Its fee is charged to the seller.

  Background:
    Given the API is running
    And today is "2026-01-05"
    And the syndic "sam" of "Syndic Dupont" manages the building "Résidence Les Tilleuls" of 1000 tantièmes
    And the building has the lots:
      | number | type      | tantiemes |
      | A      | apartment | 400       |
      | B      | apartment | 600       |
    And I send POST "/api/v1/owners"
      """
      {"name": "Anne", "email": "anne@example.com"}
      """
    And I remember the response field "id" as "anne"
    And the owners:
      | name  |
      | Bruno |
    And the lots are owned as follows:
      | lot | owner |
      | A   | anne  |
      | B   | bruno |
    And I send POST "/api/v1/buildings/{{building}}/call-for-funds"
      """
      {"title": "Provisions T1", "period": "quarterly", "ordinary_amount": "200.00", "extraordinary_amount": "50.00",
       "call_date": "2026-01-05", "due_date": "2026-02-05"}
      """
    And I remember the response field "id" as "call"
    And I send PUT "/api/v1/call-for-funds/{{call}}/send"
    And I send PUT "/api/v1/buildings/{{building}}/collection-policy"
      """
      {"fees": {"first": "5.00"}}
      """
    And I send PUT "/api/v1/buildings/{{building}}/legal-file-settings"
      """
      {"etat_date_fee": "150.00"}
      """
    # Anne has not paid: a first reminder, sent with its fee, at 20 days.
    And today is "2026-02-25"
    And "sam" logs in
    And I send POST "/api/v1/buildings/{{building}}/dues-reminders"
      """
      {"call_id": "{{call}}", "owner_id": "{{anne}}"}
      """
    And I remember the response field "id" as "reminder"
    And I send POST "/api/v1/dues-reminders/{{reminder}}/send"
    And I send POST "/api/v1/call-for-funds/{{call}}/payments"
      """
      {"owner_id": "{{bruno}}", "amount": "150.00", "paid_on": "2026-02-20"}
      """
    # The assembly decided roof works; their call is a draft, to be sent after the sale.
    And I send POST "/api/v1/buildings/{{building}}/call-for-funds"
      """
      {"title": "Travaux toiture", "period": "one_time", "extraordinary_amount": "1000.00", "call_date": "2026-06-01",
       "due_date": "2026-07-01"}
      """
    And today is "2026-04-29"
    And "sam" logs in

  Scenario: The content is computed from the books: the seller's arrears, a reminder fee, a call to come
    When I send POST "/api/v1/lots/{{lotA}}/etats-dates"
      """
      {"kind": "notary", "requester": {"role": "notary", "name": "Maître Dubois", "office": "Étude Dubois, Liège",
       "email": "notaire@example.com"}, "reference_date": "2026-05-15"}
      """
    Then the response status is 201
    And the response field "reference" is "ED-2026-000001"
    And the response field "status" is "requested"
    And the response field "received_on" is "2026-04-29"
    And the response field "due_on" is "2026-05-29"
    And the response field "content.sellers" lists "Anne"
    And the response field "content.arrears[0].description" is "Provisions T1"
    And the response field "content.arrears[0].amount" is "100.00"
    And the response field "content.collection_costs[0].amount" is "5.00"
    And the response field "content.fee" is "150.00"
    And the response field "content.total_owed" is "255.00"
    And the response field "content.reserve_fund" is "50.00"
    And the response field "content.reserve_calls[0].amount" is "20.00"
    And the response field "content.reserve_calls[0].description" is "Provisions T1 (non payé)"
    And the response field "content.called_after[0].description" is "Travaux toiture (à appeler)"
    And the response field "content.called_after[0].amount" is "400.00"
    And the response field "missing_sections" lists "disputes, syndic_costs, urgent_works, acquisitions, dispute_debts"
    When I send POST "/api/v1/lots/{{lotB}}/etats-dates"
      """
      {"kind": "information", "requester": {"role": "seller", "name": "Bruno"}, "reference_date": "2026-05-15"}
      """
    Then the response field "reference" is "ED-2026-000002"
    And the response field "content.sellers" lists "Bruno"
    And the response field "content.arrears" has 0 items
    And the response field "content.total_owed" is "150.00"
    And the response field "missing_sections" lists "disputes"

  Scenario: Generation waits for the sections only the syndic knows; the PDF goes to the notary
    Given I send POST "/api/v1/lots/{{lotA}}/etats-dates"
      """
      {"kind": "notary", "requester": {"role": "notary", "name": "Maître Dubois", "email": "notaire@example.com"},
       "reference_date": "2026-05-15"}
      """
    And I remember the response field "id" as "etat"
    When I send POST "/api/v1/etats-dates/{{etat}}/generate"
    Then the response is a problem 409 with code "illegal_transition"
    Given I send POST "/api/v1/etats-dates/{{etat}}/start"
    When I send POST "/api/v1/etats-dates/{{etat}}/generate"
    Then the response is a problem 422 with code "sections_missing"
    And the response field "errors" has an item whose "field" is "disputes"
    And the response field "errors" has an item whose "field" is "dispute_debts"
    When I send PUT "/api/v1/etats-dates/{{etat}}/manual-sections"
      """
      {"disputes": [], "syndic_costs": [{"description": "Remplacement de la porte du garage", "amount": "1200.00"}],
       "urgent_works": [], "acquisitions": []}
      """
    Then the response field "missing_sections" lists "dispute_debts"
    When I send PUT "/api/v1/etats-dates/{{etat}}/manual-sections"
      """
      {"litiges": []}
      """
    Then the response is a problem 422 with code "validation_failed"
    When I send PUT "/api/v1/etats-dates/{{etat}}/manual-sections" with 101 lines in "acquisitions"
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "acquisitions"
    When I send PUT "/api/v1/etats-dates/{{etat}}/manual-sections"
      """
      {"dispute_debts": []}
      """
    Then the response field "missing_sections" has 0 items
    When I send POST "/api/v1/etats-dates/{{etat}}/generate"
    Then the response status is 200
    And the response field "status" is "generated"
    And the response field "version" is the number 1
    And the outbox holds 1 email to "notaire@example.com", one about "l'état daté ED-2026-000001 du lot A"
    When I send GET "/api/v1/etats-dates/{{etat}}/pdf"
    Then the response status is 200
    And the downloaded PDF reads "État daté ED-2026-000001"
    And the downloaded PDF reads "Total dû par le vendeur : 255,00 €"
    And the downloaded PDF reads "Remplacement de la porte du garage"
    When I send GET "/api/v1/buildings/{{building}}/journal-entries/balance?fiscal_year=2026"
    Then the balance of account "74" is "-155.00"
    # Generated again: a new version, the fee not charged twice.
    When I send POST "/api/v1/etats-dates/{{etat}}/generate"
    Then the response field "version" is the number 2
    When I send GET "/api/v1/buildings/{{building}}/journal-entries/balance?fiscal_year=2026"
    Then the balance of account "74" is "-155.00"
    When I send POST "/api/v1/etats-dates/{{etat}}/deliver"
    Then the response field "status" is "delivered"

  Scenario: Both due dates, one moved past a public holiday; late requests listed, the syndic told before
    Given "2026-05-14" is a Belgian public holiday
    And "2026-05-25" is a Belgian public holiday
    When I send POST "/api/v1/lots/{{lotA}}/etats-dates"
      """
      {"kind": "information", "requester": {"role": "seller", "name": "Anne"}, "reference_date": "2026-05-15"}
      """
    # 15 days after 29 April is Ascension Day, Thursday 14 May: the period runs to Friday 15 May.
    Then the response field "due_on" is "2026-05-15"
    When I send POST "/api/v1/lots/{{lotB}}/etats-dates"
      """
      {"kind": "notary", "requester": {"role": "notary", "name": "Maître Lejeune"}, "reference_date": "2026-06-30",
       "received_on": "2026-04-25"}
      """
    # 30 days after Saturday 25 April is Whit Monday, 25 May: the period runs to Tuesday 26 May.
    Then the response field "due_on" is "2026-05-26"
    When I send POST "/api/v1/lots/{{lotB}}/etats-dates"
      """
      {"kind": "notary", "requester": {"role": "notary", "name": "Maître Lejeune"}, "reference_date": "2026-06-30",
       "received_on": "2026-05-01"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "received_on"
    When I send GET "/api/v1/etats-dates?overdue=true"
    Then the response field "data" has 0 items
    Given today is "2026-05-12"
    And the job "etat-date-deadlines" runs
    And "sam" logs in
    When I send GET "/api/v1/notifications"
    Then the response field "data" has an item whose "type" is "legal_file.etat_date_due"
    Given today is "2026-05-18"
    And "sam" logs in
    When I send GET "/api/v1/etats-dates?overdue=true"
    Then the response field "data" has 1 items
    And the response field "data[0].reference" is "ED-2026-000001"
    And the response field "data[0].overdue" is true
    When I send GET "/api/v1/etats-dates?overdue=maybe"
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "overdue"

  Scenario: At the deed, the seller is credited their share of the working fund for the rest of the quarter
    Given I send POST "/api/v1/buildings/{{building}}/call-for-funds"
      """
      {"title": "Provisions T2", "period": "quarterly", "ordinary_amount": "1000.00", "extraordinary_amount": "100.00",
       "call_date": "2026-04-01", "due_date": "2026-05-01"}
      """
    And I remember the response field "id" as "second"
    And I send PUT "/api/v1/call-for-funds/{{second}}/send"
    And I send POST "/api/v1/owners"
      """
      {"name": "Claire"}
      """
    And I remember the response field "id" as "claire"
    When I send POST "/api/v1/lots/{{lotA}}/transfers"
      """
      {"from_owner_id": "{{anne}}", "to_owner_id": "{{claire}}", "date": "2026-05-16"}
      """
    Then the response status is 201
    # Anne's ordinary advance for the quarter is 400.00 (her 40 of the 110.00 called for the reserve
    # fund stays with the association); Claire owns the lot 46 of the quarter's 91 days.
    When I send GET "/api/v1/lots/{{lotA}}/transfer-credits"
    Then the response field "data" has 1 items
    And the response field "data[0].seller_id" is "{{anne}}"
    And the response field "data[0].buyer_id" is "{{claire}}"
    And the response field "data[0].amount" is "202.20"
    And the response field "data[0].parts[0].title" is "Provisions T2"
    And the response field "data[0].parts[0].advance" is "400.00"
    And the response field "data[0].parts[0].days" is the number 46
    And the response field "data[0].parts[0].period_days" is the number 91
    And the response field "data[0].parts[0].period_end" is "2026-06-30"
    When I send GET "/api/v1/buildings/{{building}}/journal-entries?journal=ODS"
    Then the response field "data" has an item whose "description" is "Décompte de transfert du 2026-05-16: fonds de roulement"
    When I send GET "/api/v1/lots/{{lotB}}/transfer-credits"
    Then the response field "data" has 0 items
