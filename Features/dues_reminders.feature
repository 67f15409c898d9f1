Feature: Dues reminders under the building's collection rules
  An owner who has not paid a contribution by its due date is reminded: a friendly email from 15
  days overdue, a firm one from 30 days, then from 60 days a formal notice (mise en demeure) sent
  by registered letter, after which the file goes to the bailiff. Each reminder is a letter with
  the owner's statement, kept as a PDF; its fee, set by the building's internal rules, is charged
  to the owner's account. Interest runs per day, amount × rate × days / 365: by law from the
  formal notice, or from the due date where the statutes provide contractual interest, at the
  Belgian legal rate (4.5 % in 2026) unless the building sets its own. A payment that clears the
  contribution closes its reminders.

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
      {"title": "Provisions T1", "period": "quarterly", "ordinary_amount": "250.00", "call_date": "2026-01-05",
       "due_date": "2026-02-05"}
      """
    And I remember the response field "id" as "call"
    And I send PUT "/api/v1/call-for-funds/{{call}}/send"

  Scenario: No reminder at 10 days; at 20 days a first one, without interest under the legal default
    Given today is "2026-02-15"
    And "sam" logs in
    When I send GET "/api/v1/buildings/{{building}}/collection-policy"
    Then the response field "interest_from" is "formal_notice"
    And the response field "current_rate.rate" is "4.5"
    And the response field "current_rate_is_legal" is true
    When I send POST "/api/v1/buildings/{{building}}/dues-reminders/run"
    Then the response status is 200
    And the response field "created" is the number 0
    When I send POST "/api/v1/buildings/{{building}}/dues-reminders"
      """
      {"call_id": "{{call}}", "owner_id": "{{anne}}"}
      """
    Then the response is a problem 409 with code "threshold_not_reached"
    When I send GET "/api/v1/buildings/{{building}}/arrears"
    Then the response field "total" is "250.00"
    And the response field "data[0].owner_name" is "Anne"
    And the response field "data[0].amount" is "100.00"
    And the response field "data[0].days_overdue" is the number 10
    And the response has no field "data[0].level"
    Given today is "2026-02-25"
    And "sam" logs in
    When I send POST "/api/v1/buildings/{{building}}/dues-reminders/run"
    Then the response field "created" is the number 2
    And the response field "sent" is the number 0
    And the response field "data[0].owner_name" is "Anne"
    And the response field "data[0].level" is "first"
    And the response field "data[0].status" is "pending"
    And the response field "data[0].amount" is "100.00"
    And the response field "data[0].days_overdue" is the number 20
    And the response field "data[0].interest" is "0.00"
    And the response has no field "data[0].interest_from"
    And I remember the response field "data[0].id" as "first"
    And I remember the response field "data[1].id" as "brunoFirst"
    When I send POST "/api/v1/dues-reminders/{{brunoFirst}}/cancel"
    Then the response field "status" is "cancelled"
    When I send POST "/api/v1/buildings/{{building}}/dues-reminders/run"
    Then the response field "created" is the number 0
    When I send POST "/api/v1/buildings/{{building}}/dues-reminders"
      """
      {"call_id": "{{call}}", "owner_id": "{{anne}}"}
      """
    Then the response is a problem 409 with code "reminder_exists"
    When I send GET "/api/v1/buildings/{{building}}/arrears"
    Then the response field "data[0].level" is "first"
    And the response field "data[0].interest" is "0.00"
    And the response has no field "data[1].level"

  Scenario: Contractual interest from the due date, a fee, and a sent reminder cannot be cancelled
    When I send PUT "/api/v1/buildings/{{building}}/collection-policy"
      """
      {"interest_from": "due_date", "fees": {"first": "5.00", "formal_notice": "25.00"}}
      """
    Then the response status is 200
    And the response field "fees.first" is "5.00"
    And the response field "fees.second" is "0.00"
    When I send PUT "/api/v1/buildings/{{building}}/collection-policy"
      """
      {"interest_from": "sometimes"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "interest_from"
    Given today is "2026-02-25"
    And "sam" logs in
    When I send POST "/api/v1/buildings/{{building}}/dues-reminders"
      """
      {"call_id": "{{call}}", "owner_id": "{{anne}}"}
      """
    Then the response status is 201
    # 100.00 × 4.5 % × 20 / 365 = 0.2466
    And the response field "interest" is "0.25"
    And the response field "interest_from" is "2026-02-05"
    And the response field "fee" is "5.00"
    And the response field "total" is "105.25"
    And I remember the response field "id" as "first"
    When I send POST "/api/v1/dues-reminders/{{first}}/send"
    Then the response field "status" is "sent"
    And the response field "sent_on" is "2026-02-25"
    And the outbox holds 1 email to "anne", one about "Montant impayé : 100,00 €"
    And the email to "anne" has the attachment "first-{{first}}.pdf" reading "Rappel de paiement"
    And the email to "anne" has the attachment "first-{{first}}.pdf" reading "Total à payer : 105,25 €"
    When I send GET "/api/v1/buildings/{{building}}/journal-entries/balance?fiscal_year=2026"
    Then the balance of account "74" is "-5.00"
    When I send POST "/api/v1/dues-reminders/{{first}}/cancel"
    Then the response is a problem 409 with code "illegal_transition"
    When I send PUT "/api/v1/buildings/{{building}}/collection-policy"
      """
      {"interest_from": "due_date", "rates": [{"year": 2026, "rate": "8"}], "fees": {"first": "5.00"}}
      """
    Then the response field "current_rate.rate" is "8"
    And the response field "current_rate_is_legal" is false
    # 100.00 × 8 % × 20 / 365 = 0.4383
    When I send GET "/api/v1/dues-reminders/{{first}}"
    Then the response field "interest" is "0.44"
    When I send PUT "/api/v1/dues-reminders/{{first}}/tracking-number"
      """
      {"tracking_number": "RR123456785BE"}
      """
    Then the response is a problem 409 with code "not_by_post"

  Scenario: Escalation to a formal notice at 65 days, by registered letter, then the bailiff
    Given today is "2026-02-25"
    And "sam" logs in
    And I send POST "/api/v1/buildings/{{building}}/dues-reminders"
      """
      {"call_id": "{{call}}", "owner_id": "{{anne}}"}
      """
    And I remember the response field "id" as "first"
    When I send POST "/api/v1/dues-reminders/{{first}}/escalate"
    Then the response is a problem 409 with code "illegal_transition"
    Given I send POST "/api/v1/dues-reminders/{{first}}/send"
    When I send POST "/api/v1/dues-reminders/{{first}}/escalate"
    Then the response is a problem 409 with code "threshold_not_reached"
    Given today is "2026-03-12"
    And "sam" logs in
    When I send POST "/api/v1/dues-reminders/{{first}}/escalate"
    Then the response status is 200
    And the response field "escalated.status" is "escalated"
    And the response field "next.level" is "second"
    And the response field "next.status" is "pending"
    And I remember the response field "next.id" as "second"
    And I send POST "/api/v1/dues-reminders/{{second}}/send"
    And the outbox holds 2 emails to "anne", one about "Malgré notre premier rappel"
    Given today is "2026-04-11"
    And "sam" logs in
    When I send POST "/api/v1/dues-reminders/{{second}}/escalate"
    Then the response field "next.level" is "formal_notice"
    And I remember the response field "next.id" as "notice"
    When I send POST "/api/v1/dues-reminders/{{notice}}/send"
    Then the response field "status" is "sent"
    And the response field "days_overdue" is the number 65
    And the response field "interest_from" is "2026-04-11"
    And I remember the response field "document_id" as "letter"
    And the outbox holds 2 emails to "anne", one about "Sauf erreur de notre part"
    When I send GET "/api/v1/documents/{{letter}}/versions/1/content"
    Then the downloaded PDF reads "Mise en demeure"
    And the downloaded PDF reads "Lettre recommandée"
    And the downloaded PDF reads "huissier de justice"
    When I send PUT "/api/v1/dues-reminders/{{notice}}/tracking-number"
      """
      {"tracking_number": "RR123456789BE"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "tracking_number"
    When I send PUT "/api/v1/dues-reminders/{{notice}}/tracking-number"
      """
      {"tracking_number": "rr 123 456 785 be"}
      """
    Then the response field "tracking_number" is "RR123456785BE"
    # Under the legal default, interest runs from the formal notice: 100.00 × 4.5 % × 30 / 365.
    Given today is "2026-05-11"
    And "sam" logs in
    When I send GET "/api/v1/dues-reminders/{{notice}}"
    Then the response field "interest" is "0.37"
    When I send POST "/api/v1/dues-reminders/{{notice}}/escalate"
    Then the response field "escalated.for_bailiff" is true
    And the response has no field "next"
    When I send GET "/api/v1/buildings/{{building}}/arrears"
    Then the response field "data[0].owner_name" is "Anne"
    And the response field "data[0].level" is "formal_notice"
    And the response field "data[0].for_bailiff" is true
    And the response field "data[0].interest" is "0.37"

  Scenario: The daily job makes and sends the reminders once; a payment closes them
    When I send PUT "/api/v1/buildings/{{building}}/collection-policy"
      """
      {"automatic": true}
      """
    Then the response field "automatic" is true
    Given today is "2026-02-25"
    And the job "dues-reminders" runs
    And "sam" logs in
    When I send GET "/api/v1/buildings/{{building}}/dues-reminders?status=sent"
    Then the response field "data" has 2 items
    And the outbox holds 1 email to "anne", one about "Sauf erreur de notre part"
    Given the job "dues-reminders" runs
    When I send GET "/api/v1/buildings/{{building}}/dues-reminders"
    Then the response field "data" has 2 items
    And the outbox holds 1 email to "anne", one about "Sauf erreur de notre part"
    When I send POST "/api/v1/buildings/{{building}}/dues-reminders/run"
    Then the response field "created" is the number 0
    When I send POST "/api/v1/call-for-funds/{{call}}/payments"
      """
      {"owner_id": "{{anne}}", "amount": "100.00", "paid_on": "2026-02-26"}
      """
    Then the response status is 201
    When I send GET "/api/v1/buildings/{{building}}/dues-reminders?status=paid"
    Then the response field "data" has 1 items
    And the response field "data[0].owner_name" is "Anne"
    And the response field "data[0].closed_on" is "2026-02-26"
    When I send GET "/api/v1/buildings/{{building}}/arrears"
    Then the response field "data" has 1 items
    And the response field "data[0].owner_name" is "Bruno"
    And the response field "data[0].level" is "first"
