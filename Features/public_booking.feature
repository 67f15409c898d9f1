Feature: Public booking form
  Customers book a ride without an account, on the company's public form: the captcha is
  verified, the input strictly checked, attempts limited per client address, and the customer
  gets a confirmation email. The ride lands in the dispatchers' pool.

  Background:
    Given today is "2026-12-01"
    And the API is running
    And "dora" has registered the organization "Taxis Lumière"
    And "dora" invites "dan" as "dispatcher"
    And "dan" registers with the invitation
    And I am "dora"
    When I send PATCH "/api/v1/societe"
      """
      {"slug": "taxis-lumiere"}
      """
    Then the response status is 200

  Scenario: A booking lands in the pool, the dispatchers are told, the customer gets an email
    When I send GET "/api/v1/public/captcha-config"
    Then the response field "site_key" is "local-test-site-key"
    When I send POST "/api/v1/public/commandes"
      """
      {"societe": "taxis-lumiere", "captcha_token": "local-captcha-ok", "prise_en_charge": "Rue Neuve 12", "destination": "Aéroport", "date_iso": "2026-12-02T06:30:00Z", "passagers": 3, "bagages": 2, "vol": "SN2901", "contact": {"nom": "Marie Dubois", "email": "marie@example.com", "telephone": "+32 470 00 00 00"}}
      """
    Then the response status is 201
    And the response field "reference" is "CMD-2026-000001"
    And the response field "statut" is "en_attente"
    And the outbox holds 1 email to "marie", one about "CMD-2026-000001"
    Given I am "dan"
    When I send GET "/api/v1/commandes?statut=en_attente"
    Then the response field "data" has 1 items
    And the response field "data[0].source" is "public"
    And the response field "data[0].passagers" is the number 3
    When I send GET "/api/v1/notifications"
    Then the response field "data[0].type" is "commande.created"

  Scenario: A bad captcha, a past pickup time, bad input or an unknown company create nothing
    When I send POST "/api/v1/public/commandes"
      """
      {"societe": "taxis-lumiere", "captcha_token": "forged", "prise_en_charge": "Rue Neuve 12", "destination": "Aéroport", "date_iso": "2026-12-02T06:30:00Z", "contact": {"nom": "Marie", "email": "marie@example.com"}}
      """
    Then the response is a problem 422 with code "captcha_failed"
    When I send POST "/api/v1/public/commandes"
      """
      {"societe": "taxis-lumiere", "captcha_token": "local-captcha-ok", "prise_en_charge": "Rue Neuve 12", "destination": "Aéroport", "date_iso": "2026-11-30T06:30:00Z", "contact": {"nom": "Marie", "email": "marie@example.com"}}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "date_iso"
    When I send POST "/api/v1/public/commandes"
      """
      {"societe": "taxis-lumiere", "captcha_token": "local-captcha-ok", "prise_en_charge": "Rue Neuve 12", "destination": "Aéroport", "date_iso": "2026-12-02T06:30:00Z", "passagers": 12, "contact": {"nom": "Marie", "email": "marie@example.com"}}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "passagers"
    When I send POST "/api/v1/public/commandes"
      """
      {"societe": "taxis-lumiere", "captcha_token": "local-captcha-ok", "prise_en_charge": "Rue Neuve 12", "destination": "Aéroport", "date_iso": "2026-12-02T06:30:00Z", "contact": {"nom": "Marie", "email": "pas-un-email"}}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "contact.email"
    When I send POST "/api/v1/public/commandes"
      """
      {"societe": "taxis-lumiere", "captcha_token": "local-captcha-ok", "prise_en_charge": "Rue Neuve 12", "destination": "Aéroport", "date_iso": "2026-12-02T06:30:00Z"}
      """
    Then the response is a problem 422 with code "missing_field"
    When I send POST "/api/v1/public/commandes"
      """
      {"societe": "taxis-ailleurs", "captcha_token": "local-captcha-ok", "prise_en_charge": "Rue Neuve 12", "destination": "Aéroport", "date_iso": "2026-12-02T06:30:00Z", "contact": {"nom": "Marie", "email": "marie@example.com"}}
      """
    Then the response is a problem 404 with code "not_found"
    Given I am "dan"
    When I send GET "/api/v1/commandes"
    Then the response field "data" has 0 items
    And the outbox holds no email to "marie"

  Scenario: More than 10 attempts an hour from one address are refused with Retry-After
    Given 10 public bookings for "taxis-lumiere" are accepted
    When I send POST "/api/v1/public/commandes"
      """
      {"societe": "taxis-lumiere", "captcha_token": "local-captcha-ok", "prise_en_charge": "Rue Neuve 12", "destination": "Aéroport", "date_iso": "2026-12-02T06:30:00Z", "contact": {"nom": "Marie", "email": "marie@example.com"}}
      """
    Then the response is a problem 429 with code "rate_limited"
    And the response header "Retry-After" is "3600"
    Given 61 minutes pass
    When I send POST "/api/v1/public/commandes"
      """
      {"societe": "taxis-lumiere", "captcha_token": "local-captcha-ok", "prise_en_charge": "Rue Neuve 12", "destination": "Aéroport", "date_iso": "2026-12-02T06:30:00Z", "contact": {"nom": "Marie", "email": "marie@example.com"}}
      """
    Then the response status is 201
    And the response field "reference" is "CMD-2026-000011"
