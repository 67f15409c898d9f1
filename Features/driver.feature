Feature: Drivers answer offers and drive their rides
  A driver sees the rides offered to them, accepts or refuses each (a refusal puts the ride
  back in the dispatchers' pool and records who refused and why), then starts and finishes the
  rides they accepted. A driver never sees or answers another driver's offers.

  Background:
    Given today is "2026-12-01"
    And the API is running
    And the taxi company "Taxis Lumière" of "dora", with its members:
      | name    | role       |
      | dan     | dispatcher |
      | chloe   | chauffeur  |
      | charles | chauffeur  |
    And "dan" adds the taxis:
      | numero | plaque  | driver  |
      | T1     | 1ABC123 | chloe   |
      | T2     | 2DEF456 | charles |
    And "dan" takes a ride from "Gare centrale" to "Aéroport" at "2026-12-01T14:00:00Z" for 2 passengers, remembered as "ride"
    And I am "dan"

  Scenario: Offer, refuse, back to the pool, offer to another driver, accept, start, finish
    When I send PATCH "/api/v1/commandes/{{ride}}"
      """
      {"taxi_id": "{{t1}}"}
      """
    Then the response field "statut" is "proposee"
    Given I am "chloe"
    When I send GET "/api/v1/me/demandes"
    Then the response field "data" has 1 items
    And the response field "data[0].commande_id" is "{{ride}}"
    And the response field "data[0].commande.prise_en_charge" is "Gare centrale"
    And I remember the response field "data[0].id" as "chloeOffer"
    When I send POST "/api/v1/demandes/{{chloeOffer}}/refuse"
      """
      {"reason": "Trop loin"}
      """
    Then the response status is 200
    And the response field "statut" is "refusee"
    And the response field "commande.statut" is "en_attente"
    When I send POST "/api/v1/demandes/{{chloeOffer}}/accept"
    Then the response is a problem 409 with code "demande_closed"
    Given I am "dan"
    When I send GET "/api/v1/commandes/{{ride}}"
    Then the response field "statut" is "en_attente"
    And the response has no field "taxi_id"
    And the response field "demandes[0].chauffeur_id" is "{{chloeUser}}"
    And the response field "demandes[0].statut" is "refusee"
    And the response field "demandes[0].motif" is "Trop loin"
    When I send PATCH "/api/v1/commandes/{{ride}}"
      """
      {"taxi_id": "{{t2}}"}
      """
    Then the response field "chauffeur_id" is "{{charlesUser}}"
    Given I am "chloe"
    When I send GET "/api/v1/me/demandes"
    Then the response field "data" has 0 items
    Given I am "charles"
    When I send GET "/api/v1/me/demandes"
    Then the response field "data" has 1 items
    And I remember the response field "data[0].id" as "charlesOffer"
    When I send POST "/api/v1/courses/{{ride}}/start"
    Then the response is a problem 409 with code "illegal_transition"
    And the response field "current_state" is "proposee"
    When I send POST "/api/v1/demandes/{{charlesOffer}}/accept"
    Then the response field "statut" is "acceptee"
    And the response field "commande.statut" is "assignee"
    When I send POST "/api/v1/courses/{{ride}}/start"
    Then the response field "statut" is "en_cours"
    When I send POST "/api/v1/courses/{{ride}}/finish"
    Then the response field "statut" is "terminee"
    And the response field "allowed_next_states" has 0 items
    When I send GET "/api/v1/me/courses?date=2026-12-01"
    Then the response field "data" has 1 items
    And the response field "data[0].statut" is "terminee"
    When I send GET "/api/v1/me/courses?statut=en_cours"
    Then the response field "data" has 0 items
    When I send GET "/api/v1/me/stats?period=week"
    Then the response field "current.rides_done" is the number 1
    And the response field "current.minutes_driven" is the number 60
    And the response field "current.offers_accepted" is the number 1
    And the response field "current.offers_refused" is the number 0
    And the response field "previous.rides_done" is the number 0
    And the response field "from" is "2026-11-30T00:00:00Z"
    When I send GET "/api/v1/me/stats?period=decade"
    Then the response is a problem 422 with code "validation_failed"
    Given I am "chloe"
    When I send GET "/api/v1/me/stats?period=month"
    Then the response field "current.offers_refused" is the number 1
    And the response field "current.rides_done" is the number 0
    Given I am "dan"
    When I send GET "/api/v1/stats/flotte?date=2026-12-01"
    Then the response field "courses.terminee" is the number 1
    And the response field "courses_par_heure[14]" is the number 1
    And the response field "taxis" has 2 items
    And the response field "taxis[1].numero" is "T2"
    And the response field "taxis[1].busy_minutes" is the number 60
    And the response field "taxis[1].occupation_percent" is "4.16"
    Given I am "dora"
    When I send GET "/api/v1/audit-log?entity=commande&entity_id={{ride}}"
    Then the response field "data" has 9 items
    And the response field "data[0].action" is "commande.finished"
    And the response field "data[3].action" is "commande.updated"
    And the response field "data[4].action" is "commande.offered"
    And the response field "data[5].action" is "demande.refused"
    And the response field "data[5].payload.reason" is "Trop loin"
    And the response field "data[5].user_id" is "{{chloeUser}}"

  Scenario: A driver cannot read, accept or drive another driver's offer
    When I send PATCH "/api/v1/commandes/{{ride}}"
      """
      {"taxi_id": "{{t1}}"}
      """
    Given I am "chloe"
    When I send GET "/api/v1/me/demandes"
    And I remember the response field "data[0].id" as "chloeOffer"
    Given I am "charles"
    When I send GET "/api/v1/me/demandes"
    Then the response field "data" has 0 items
    When I send POST "/api/v1/demandes/{{chloeOffer}}/accept"
    Then the response is a problem 403 with code "forbidden"
    When I send POST "/api/v1/demandes/{{chloeOffer}}/refuse"
    Then the response is a problem 403 with code "forbidden"
    Given I am "chloe"
    When I send POST "/api/v1/demandes/{{chloeOffer}}/accept"
    Then the response field "commande.statut" is "assignee"
    Given I am "charles"
    When I send POST "/api/v1/courses/{{ride}}/start"
    Then the response is a problem 403 with code "forbidden"
    When I send GET "/api/v1/me/courses"
    Then the response field "data" has 0 items

  Scenario: Accepting is refused when the taxi took another ride at that time meanwhile
    When I send PATCH "/api/v1/commandes/{{ride}}"
      """
      {"taxi_id": "{{t1}}"}
      """
    When I send POST "/api/v1/commandes"
      """
      {"prise_en_charge": "Place Flagey", "destination": "Uccle", "date_iso": "2026-12-01T14:30:00Z", "taxi_id": "{{t1}}"}
      """
    Then the response field "statut" is "proposee"
    And I remember the response field "id" as "other"
    Given I am "chloe"
    When I send GET "/api/v1/me/demandes"
    Then the response field "data" has 2 items
    And the response field "data[0].commande_id" is "{{other}}"
    And I remember the response field "data[0].id" as "otherOffer"
    And I remember the response field "data[1].id" as "rideOffer"
    When I send POST "/api/v1/demandes/{{rideOffer}}/accept"
    Then the response field "commande.statut" is "assignee"
    When I send POST "/api/v1/demandes/{{otherOffer}}/accept"
    Then the response is a problem 409 with code "taxi_overlap"
    And the response field "conflicting_commande_id" is "{{ride}}"

  Scenario: The weekly snapshot keeps last week's figures for the comparison
    When I send PATCH "/api/v1/commandes/{{ride}}"
      """
      {"taxi_id": "{{t2}}"}
      """
    Given I am "charles"
    When I send GET "/api/v1/me/demandes"
    And I remember the response field "data[0].id" as "offer"
    And I send POST "/api/v1/demandes/{{offer}}/accept"
    And I send POST "/api/v1/courses/{{ride}}/start"
    And I send POST "/api/v1/courses/{{ride}}/finish"
    Given 10080 minutes pass
    And the job "driver-stats-snapshot" runs
    And the job "driver-stats-snapshot" runs
    And "charles" logs in
    When I send GET "/api/v1/me/stats?period=week"
    Then the response field "previous_source" is "snapshot"
    And the response field "previous.rides_done" is the number 1
    And the response field "previous.offers_accepted" is the number 1
    And the response field "current.rides_done" is the number 0
    When I send GET "/api/v1/me/stats?period=year"
    Then the response field "previous_source" is "live"
    And the response field "current.rides_done" is the number 1

  Scenario: The company invites drivers by email and removes them; a leaving driver's offers go back to the pool
    Given I am "dora"
    When I send POST "/api/v1/users"
      """
      {"name": "Eve", "email": "eve@example.com"}
      """
    Then the response status is 201
    And the response field "role" is "chauffeur"
    And the outbox holds 1 email to "eve", one about "invitations/accept?token="
    When I send POST "/api/v1/users"
      """
      {"name": "Chloé", "email": "chloe@example.com"}
      """
    Then the response is a problem 409 with code "already_member"
    When I send PATCH "/api/v1/commandes/{{ride}}"
      """
      {"taxi_id": "{{t1}}"}
      """
    Then the response field "statut" is "proposee"
    Given I am "dan"
    When I send DELETE "/api/v1/users/{{chloeUser}}"
    Then the response is a problem 403 with code "forbidden"
    Given I am "dora"
    When I send DELETE "/api/v1/users/{{chloeUser}}"
    Then the response status is 204
    When I send GET "/api/v1/commandes/{{ride}}"
    Then the response field "statut" is "en_attente"
    And the response field "demandes[0].statut" is "retiree"
    When I send GET "/api/v1/taxis/{{t1}}"
    Then the response has no field "chauffeur_id"
    When I send GET "/api/v1/users/{{chloeUser}}"
    Then the response is a problem 404 with code "not_found"
    When I send PATCH "/api/v1/commandes/{{ride}}"
      """
      {"taxi_id": "{{t2}}"}
      """
    Given I am "charles"
    When I send GET "/api/v1/me/demandes"
    And I remember the response field "data[0].id" as "offer"
    And I send POST "/api/v1/demandes/{{offer}}/accept"
    Given I am "dora"
    When I send DELETE "/api/v1/users/{{charlesUser}}"
    Then the response is a problem 409 with code "member_has_rides"

  Scenario: The company edits a member: its own name and phone for them, their roles and their taxi
    Given I am "dora"
    When I send PATCH "/api/v1/users/{{chloeUser}}"
      """
      {"name": "Chloé Martin", "phone": "+32 470 12 34 56"}
      """
    Then the response status is 200
    And the response field "name" is "Chloé Martin"
    And the response field "phone" is "+32 470 12 34 56"
    And the response field "taxi_id" is "{{t1}}"
    When I send GET "/api/v1/users"
    Then the response field "data[1].email" is "chloe@example.com"
    And the response field "data[1].name" is "Chloé Martin"
    Given I am "chloe"
    When I send GET "/api/v1/auth/me"
    Then the response field "name" is "Chloe"
    Given I am "dora"
    When I send PATCH "/api/v1/users/{{chloeUser}}"
      """
      {"taxi_id": "{{t2}}"}
      """
    Then the response is a problem 409 with code "taxi_has_driver"
    When I send PATCH "/api/v1/taxis/{{t2}}"
      """
      {"chauffeur_id": null}
      """
    Then the response status is 200
    And the response has no field "chauffeur_id"
    When I send PATCH "/api/v1/users/{{chloeUser}}"
      """
      {"taxi_id": "{{t2}}", "name": null, "phone": ""}
      """
    Then the response status is 200
    And the response field "taxi_id" is "{{t2}}"
    And the response field "name" is "Chloe"
    And the response has no field "phone"
    When I send GET "/api/v1/taxis/{{t1}}"
    Then the response has no field "chauffeur_id"
    When I send PATCH "/api/v1/users/{{chloeUser}}"
      """
      {"name": "   "}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the response field "field" is "name"
    Given I am "dan"
    And I send GET "/api/v1/auth/me"
    And I remember the response field "id" as "danUser"
    Given I am "dora"
    When I send PATCH "/api/v1/users/{{danUser}}"
      """
      {"taxi_id": "{{t1}}"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the response field "field" is "taxi_id"
    When I send PATCH "/api/v1/commandes/{{ride}}"
      """
      {"taxi_id": "{{t2}}"}
      """
    Then the response field "statut" is "proposee"
    When I send PATCH "/api/v1/users/{{chloeUser}}"
      """
      {"roles": ["dispatcher"]}
      """
    Then the response status is 200
    And the response field "roles[0]" is "dispatcher"
    And the response has no field "taxi_id"
    When I send GET "/api/v1/commandes/{{ride}}"
    Then the response field "statut" is "en_attente"
    And the response field "demandes[0].statut" is "retiree"
    When I send GET "/api/v1/taxis/{{t2}}"
    Then the response has no field "chauffeur_id"
    Given I am "dan"
    When I send PATCH "/api/v1/users/{{chloeUser}}"
      """
      {"name": "Chloé"}
      """
    Then the response is a problem 403 with code "forbidden"

  Scenario Outline: A driver who stops driving is released the same way whichever route changes their roles
    Given I am "dan"
    When I send PATCH "/api/v1/commandes/{{ride}}"
      """
      {"taxi_id": "{{t1}}"}
      """
    Then the response field "statut" is "proposee"
    Given I am "dora"
    When I send PATCH "<path>"
      """
      {"roles": ["dispatcher"]}
      """
    Then the response status is 200
    And the response field "roles" lists "dispatcher"
    When I send GET "/api/v1/commandes/{{ride}}"
    Then the response field "statut" is "en_attente"
    And the response field "demandes[0].statut" is "retiree"
    When I send GET "/api/v1/taxis/{{t1}}"
    Then the response has no field "chauffeur_id"
    When I send GET "/api/v1/audit-log?entity=user&entity_id={{chloeUser}}"
    Then the response field "data" has an item whose "action" is "member.roles_changed"

    Examples:
      | path                              |
      | /api/v1/users/{{chloeUser}}       |
      | /api/v1/users/{{chloeUser}}/role  |

  Scenario Outline: A driver holding an accepted ride keeps the driver role, whichever route is used
    Given I am "dan"
    When I send PATCH "/api/v1/commandes/{{ride}}"
      """
      {"taxi_id": "{{t1}}"}
      """
    Given I am "chloe"
    When I send GET "/api/v1/me/demandes"
    And I remember the response field "data[0].id" as "offer"
    When I send POST "/api/v1/demandes/{{offer}}/accept"
    Then the response status is 200
    Given I am "dora"
    When I send PATCH "<path>"
      """
      {"roles": ["dispatcher"]}
      """
    Then the response is a problem 409 with code "member_has_rides"
    When I send GET "/api/v1/users/{{chloeUser}}"
    Then the response field "roles" lists "chauffeur"

    Examples:
      | path                              |
      | /api/v1/users/{{chloeUser}}       |
      | /api/v1/users/{{chloeUser}}/role  |
