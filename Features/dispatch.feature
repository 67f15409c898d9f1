Feature: Taxi dispatch back office
  Dispatchers keep the company's profile, fleet and business clients, take rides (commandes)
  with a gapless reference per year, and plan them on taxis: moving a ride to a taxi offers it
  to that taxi's driver. A taxi never holds two accepted rides at the same time.

  Background:
    Given today is "2026-12-01"
    And the API is running
    And the taxi company "Taxis Lumière" of "dora", with its members:
      | name    | role       |
      | dan     | dispatcher |
      | chloe   | chauffeur  |
      | charles | chauffeur  |
    And "dan" adds the taxis:
      | numero | plaque    | vignette | driver  |
      | T1     | 1-abc-123 | LUX-0001 | chloe   |
      | T2     | 2-DEF-456 |          | charles |
    And I am "dan"

  Scenario: References are gapless per company and year, and the planning lists rides by pickup time
    When I send GET "/api/v1/taxis/{{t1}}"
    Then the response field "plaque" is "1ABC123"
    And the response field "statut" is "disponible"
    And the response field "vignette" is "LUX-0001"
    When I send POST "/api/v1/commandes"
      """
      {"prise_en_charge": "Gare centrale", "destination": "Aéroport", "date_iso": "2026-12-02T10:00:00Z", "passagers": 2, "bagages": 3, "vol": "SN3721"}
      """
    Then the response status is 201
    And the response field "reference" is "CMD-2026-000001"
    And the response field "statut" is "en_attente"
    And the response field "duree_minutes" is the number 60
    And the response field "fin" is "2026-12-02T11:00:00Z"
    When I send POST "/api/v1/commandes"
      """
      {"prise_en_charge": "Hôtel Royal", "destination": "Gare centrale", "date_iso": "2026-12-01T15:00:00Z", "passagers": 9}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "passagers"
    When I send POST "/api/v1/commandes"
      """
      {"prise_en_charge": "Hôtel Royal", "destination": "Gare centrale"}
      """
    Then the response is a problem 422 with code "missing_field"
    When I send POST "/api/v1/commandes"
      """
      {"prise_en_charge": "Hôtel Royal", "destination": "Gare centrale", "date_iso": "demain"}
      """
    Then the response is a problem 400 with code "invalid_type"
    And the problem names the field "date_iso"
    When I send POST "/api/v1/commandes"
      """
      {"prise_en_charge": "Hôtel Royal", "destination": "Gare centrale", "date_iso": "2026-12-01T15:00:00Z", "duree_minutes": 30}
      """
    Then the response field "reference" is "CMD-2026-000002"
    When I send GET "/api/v1/commandes?date_from=2026-12-01&date_to=2026-12-01"
    Then the response field "data" has 1 items
    And the response field "data[0].reference" is "CMD-2026-000002"
    When I send GET "/api/v1/commandes?date_from=2026-12-01&date_to=2026-12-31"
    Then the response field "data" has 2 items
    And the response field "data[0].reference" is "CMD-2026-000002"
    And the response field "data[1].reference" is "CMD-2026-000001"
    When I send GET "/api/v1/commandes?q=aéroport"
    Then the response field "data" has 1 items
    When I send GET "/api/v1/commandes?q=cmd-2026-000002"
    Then the response field "data[0].prise_en_charge" is "Hôtel Royal"
    When I send GET "/api/v1/commandes?statut=volee"
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "statut"

  Scenario: Moving a ride onto a taxi offers it to the taxi's driver; overlaps and out-of-service taxis are refused
    When I send POST "/api/v1/commandes"
      """
      {"prise_en_charge": "Gare centrale", "destination": "Aéroport", "date_iso": "2026-12-02T10:00:00Z", "taxi_id": "{{t1}}"}
      """
    Then the response status is 201
    And the response field "statut" is "proposee"
    And the response field "chauffeur_id" is "{{chloeUser}}"
    And I remember the response field "id" as "first"
    Given I am "chloe"
    When I send GET "/api/v1/me/demandes"
    Then the response field "data" has 1 items
    And I remember the response field "data[0].id" as "offer"
    When I send POST "/api/v1/demandes/{{offer}}/accept"
    Then the response field "commande.statut" is "assignee"
    Given I am "dan"
    When I send POST "/api/v1/commandes"
      """
      {"prise_en_charge": "Place Flagey", "destination": "Uccle", "date_iso": "2026-12-02T10:30:00Z"}
      """
    And I remember the response field "id" as "second"
    When I send PATCH "/api/v1/commandes/{{second}}"
      """
      {"taxi_id": "{{t1}}"}
      """
    Then the response is a problem 409 with code "taxi_overlap"
    And the response field "conflicting_reference" is "CMD-2026-000001"
    And the response field "conflicting_commande_id" is "{{first}}"
    When I send PATCH "/api/v1/commandes/{{second}}"
      """
      {"taxi_id": "{{t1}}", "date_iso": "2026-12-02T11:00:00Z"}
      """
    Then the response status is 200
    And the response field "statut" is "proposee"
    When I send PATCH "/api/v1/taxis/{{t2}}"
      """
      {"statut": "hors_service"}
      """
    Then the response field "statut" is "hors_service"
    When I send PATCH "/api/v1/commandes/{{second}}"
      """
      {"taxi_id": "{{t2}}"}
      """
    Then the response is a problem 409 with code "taxi_out_of_service"
    When I send DELETE "/api/v1/taxis/{{t1}}"
    Then the response is a problem 409 with code "taxi_in_use"
    When I send GET "/api/v1/taxis/{{t1}}?date=2026-12-02"
    Then the response field "courses" has 2 items

  Scenario: Cancelling keeps the ride, withdraws its offer, and cannot be done once started
    When I send POST "/api/v1/commandes"
      """
      {"prise_en_charge": "Gare centrale", "destination": "Aéroport", "date_iso": "2026-12-02T10:00:00Z", "taxi_id": "{{t2}}"}
      """
    And I remember the response field "id" as "ride"
    Given 5 minutes pass
    When I send DELETE "/api/v1/commandes/{{ride}}"
      """
      {"reason": "Client injoignable"}
      """
    Then the response status is 200
    And the response field "statut" is "annulee"
    And the response field "motif_annulation" is "Client injoignable"
    When I send GET "/api/v1/commandes/{{ride}}"
    Then the response field "demandes[0].statut" is "retiree"
    When I send DELETE "/api/v1/commandes/{{ride}}"
    Then the response is a problem 409 with code "illegal_transition"
    And the response field "current_state" is "annulee"
    Given I am "charles"
    When I send GET "/api/v1/me/demandes"
    Then the response field "data" has 0 items
    When I send GET "/api/v1/notifications"
    Then the response field "data[0].type" is "commande.cancelled"

  Scenario: Company profile, business clients and who may do what
    When I send GET "/api/v1/societe"
    Then the response field "nom" is "Taxis Lumière"
    And the response field "duree_course_minutes" is the number 60
    When I send PATCH "/api/v1/societe"
      """
      {"slug": "taxis-lumiere"}
      """
    Then the response is a problem 403 with code "forbidden"
    Given I am "dora"
    When I send PATCH "/api/v1/societe"
      """
      {"slug": "taxis-lumiere", "telephone": "+32 2 555 00 00", "duree_course_minutes": 45}
      """
    Then the response status is 200
    And the response field "slug" is "taxis-lumiere"
    When I send PATCH "/api/v1/societe"
      """
      {"slug": "Taxis Lumière!"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "slug"
    When I send POST "/api/v1/taxis"
      """
      {"numero": "T9", "plaque": "1ABC123"}
      """
    Then the response is a problem 409 with code "plate_taken"
    When I send POST "/api/v1/taxis"
      """
      {"numero": "T9", "plaque": "9XYZ999", "chauffeur_id": "{{chloeUser}}"}
      """
    Then the response is a problem 409 with code "driver_has_taxi"
    When I send POST "/api/v1/clients"
      """
      {"type": "hotel", "nom": "Hôtel Royal", "contact_email": "resa@royal.example", "contact_phone": "+32 2 000 00 00"}
      """
    Then the response status is 201
    And I remember the response field "id" as "royal"
    When I send POST "/api/v1/clients"
      """
      {"type": "navire", "nom": "X"}
      """
    Then the response is a problem 422 with code "validation_failed"
    When I send POST "/api/v1/commandes"
      """
      {"client_id": "{{royal}}", "prise_en_charge": "Hôtel Royal", "destination": "Gare du Midi", "date_iso": "2026-12-03T08:00:00Z"}
      """
    Then the response field "duree_minutes" is the number 45
    When I send POST "/api/v1/commandes"
      """
      {"prise_en_charge": "Rue Neuve", "destination": "Gare du Midi", "date_iso": "2026-12-03T09:00:00Z"}
      """
    When I send GET "/api/v1/commandes?client_type=hotel"
    Then the response field "data" has 1 items
    And the response field "data[0].client_id" is "{{royal}}"
    When I send DELETE "/api/v1/clients/{{royal}}"
    Then the response is a problem 409 with code "client_in_use"
    Given I am "chloe"
    When I send GET "/api/v1/commandes"
    Then the response is a problem 403 with code "forbidden"
    When I send POST "/api/v1/taxis"
      """
      {"numero": "T5", "plaque": "5AAA555"}
      """
    Then the response is a problem 403 with code "forbidden"

  Scenario: The SLA watchdog raises exactly one prise_en_charge intervention per ride left in the pool
    When I send POST "/api/v1/commandes"
      """
      {"prise_en_charge": "Gare centrale", "destination": "Aéroport", "date_iso": "2026-12-01T18:00:00Z"}
      """
    And I remember the response field "id" as "late"
    And I remember the response field "reference" as "lateRef"
    Given 100 minutes pass
    And "dan" logs in
    And the job "sla-watchdog" runs
    When I send GET "/api/v1/interventions"
    Then the response field "data" has 0 items
    When I send POST "/api/v1/commandes"
      """
      {"prise_en_charge": "Place Flagey", "destination": "Uccle", "date_iso": "2026-12-01T19:00:00Z"}
      """
    And I remember the response field "id" as "fresh"
    Given 21 minutes pass
    And "dan" logs in
    And the job "sla-watchdog" runs
    And the job "sla-watchdog" runs
    When I send GET "/api/v1/interventions"
    Then the response field "data" has 1 items
    And the response field "data[0].type" is "prise_en_charge"
    And the response field "data[0].commande_id" is "{{late}}"
    And the response field "data[0].statut" is "ouverte"
    And the response field "data[0].title" is "Prise en charge en attente : {{lateRef}}"
    And the response has no field "data[0].equipement_id"
    When I send GET "/api/v1/notifications"
    Then the response field "data[0].type" is "commande.sla_alert"
    Given 120 minutes pass
    And "dan" logs in
    And the job "sla-watchdog" runs
    When I send GET "/api/v1/interventions?sort=created_at"
    Then the response field "data" has 2 items
    And the response field "data[0].commande_id" is "{{late}}"
    And the response field "data[1].commande_id" is "{{fresh}}"

  Scenario: Onboarding creates the profile, fleet, drivers and clients in one transaction, or nothing
    Given I am "dora"
    When I send POST "/api/v1/onboarding/bootstrap"
      """
      {"societe": {"nom": "Taxis Lumière SRL", "slug": "taxis-lumiere", "telephone": "+32 2 555 00 00"},
       "taxis": [{"numero": "T3", "plaque": "3GHI789"}, {"numero": "T4", "plaque": "3-ghi-789"}],
       "chauffeurs": [{"name": "Eve", "email": "eve@example.com"}, {"name": "Fred", "email": "pas-un-email"}],
       "clients": [{"type": "hotel", "nom": "Hôtel Royal"}]}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the response field "errors" has 2 items
    And the response field "errors[0].field" is "taxis[1].plaque"
    And the response field "errors[1].field" is "chauffeurs[1].email"
    When I send GET "/api/v1/taxis"
    Then the response field "data" has 2 items
    When I send GET "/api/v1/clients"
    Then the response field "data" has 0 items
    When I send GET "/api/v1/societe"
    Then the response has no field "slug"
    And the outbox holds no email to "eve"
    When I send POST "/api/v1/onboarding/bootstrap"
      """
      {"societe": {"nom": "Taxis Lumière SRL", "slug": "taxis-lumiere", "telephone": "+32 2 555 00 00"},
       "taxis": [{"numero": "T3", "plaque": "3GHI789"}, {"numero": "T4", "plaque": "1ABC123"}],
       "chauffeurs": [{"name": "Eve", "email": "eve@example.com"}],
       "clients": [{"type": "hotel", "nom": "Hôtel Royal"}]}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the response field "errors[0].field" is "taxis[1].plaque"
    When I send POST "/api/v1/onboarding/bootstrap"
      """
      {"societe": {"nom": "Taxis Lumière SRL", "slug": "taxis-lumiere", "telephone": "+32 2 555 00 00"},
       "taxis": [{"numero": "T3", "plaque": "3GHI789"}, {"numero": "T4", "plaque": "4JKL012", "statut": "pause"}],
       "chauffeurs": [{"name": "Eve", "email": "eve@example.com"}],
       "clients": [{"type": "hotel", "nom": "Hôtel Royal"}, {"type": "agence", "nom": "Voyages Max"}]}
      """
    Then the response status is 201
    And the response field "chauffeurs[0].email" is "eve@example.com"
    And the outbox holds 1 email to "eve", one about "invitations/accept?token="
    When I send GET "/api/v1/taxis"
    Then the response field "data" has 4 items
    When I send GET "/api/v1/clients"
    Then the response field "data" has 2 items
    When I send GET "/api/v1/societe"
    Then the response field "slug" is "taxis-lumiere"
    Given I am "dan"
    When I send POST "/api/v1/onboarding/bootstrap"
      """
      {"societe": {"nom": "X"}}
      """
    Then the response is a problem 403 with code "forbidden"

  Scenario: The live endpoints speak WebSocket; a plain request is told so
    When I send GET "/ws/planning"
    Then the response is a problem 426 with code "websocket_required"

  Scenario: An intervention can be raised by hand for a ride, never for another company's ride
    When I send POST "/api/v1/commandes"
      """
      {"prise_en_charge": "Gare centrale", "destination": "Aéroport", "date_iso": "2026-12-01T18:00:00Z"}
      """
    And I remember the response field "id" as "ride"
    Given I am "dora"
    When I send POST "/api/v1/interventions"
      """
      {"title": "Client VIP à rappeler", "type": "prise_en_charge", "priority": "haute", "commande_id": "{{ride}}"}
      """
    Then the response status is 201
    And the response field "type" is "prise_en_charge"
    And the response field "commande_id" is "{{ride}}"
    And the response has no field "equipement_id"
    When I send POST "/api/v1/interventions"
      """
      {"title": "Inconnue", "type": "prise_en_charge", "commande_id": "00000000-0000-0000-0000-000000000001"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the response field "field" is "commande_id"
    Given "zoe" has registered the organization "Autres Taxis"
    And I am "zoe"
    When I send POST "/api/v1/interventions"
      """
      {"title": "Pas chez nous", "type": "prise_en_charge", "commande_id": "{{ride}}"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the response field "field" is "commande_id"
