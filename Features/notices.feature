Feature: The notice board
  Residents (owners and occupants) and the syndic write notices on their building's board: an
  announcement, an event with its date and place, a lost or found item, a classified ad. A notice
  is a draft until its author publishes it; then the building's owners are told, and it is found
  by the search. It leaves the board when it expires (by its date, or by hand), and is archived
  later. Only its author changes a draft; only the syndic pins a notice on top of the board.

  Background:
    Given the API is running
    And today is "2026-03-02"
    And the syndic "sam" of "Syndic Dupont" manages the building "Résidence Les Tilleuls" of 1000 tantièmes
    And the building has the lots:
      | number | type      | tantiemes |
      | A      | apartment | 600       |
      | B      | apartment | 400       |
    And the residents:
      | name  | lot | as       |
      | anne  | A   | owner    |
      | bruno | B   | owner    |
      | tom   | B   | occupant |

  Scenario: An occupant announces an event; the owners are told; the syndic pins it; it expires on its date
    Given I am "tom"
    When I send POST "/api/v1/buildings/{{building}}/notices"
      """
      {"type": "event", "category": "social", "title": "Fête des voisins",
       "content": "Apéritif dans la cour, chacun apporte un plat.", "event_date": "2026-03-21T18:00:00Z",
       "event_place": "Cour intérieure", "expires_at": "2026-03-22T00:00:00Z"}
      """
    Then the response status is 201
    And the response field "status" is "draft"
    And I remember the response field "id" as "party"
    Given I am "anne"
    When I send GET "/api/v1/notices/{{party}}"
    Then the response is a problem 404 with code "not_found"
    Given I am "tom"
    When I send POST "/api/v1/notices/{{party}}/publish"
    Then the response field "status" is "published"
    Given I am "anne"
    When I send GET "/api/v1/notifications"
    Then the response field "data" has an item whose "type" is "community.notice_published"
    When I send GET "/api/v1/buildings/{{building}}/notices"
    Then the response field "data" has 1 items
    And the response field "data[0].event_place" is "Cour intérieure"
    When I send GET "/api/v1/search?q=voisins"
    Then the response field "data" has an item whose "title" is "Fête des voisins"
    When I send POST "/api/v1/notices/{{party}}/pin"
    Then the response is a problem 403 with code "forbidden"
    Given I am "sam"
    When I send POST "/api/v1/notices/{{party}}/pin"
    Then the response field "pinned" is true
    When I send GET "/api/v1/buildings/{{building}}/notices?pinned=true"
    Then the response field "data" has 1 items
    Given today is "2026-03-22"
    And the job "community-notices" runs
    And "anne" logs in
    And I am "anne"
    When I send GET "/api/v1/notices/{{party}}"
    Then the response field "status" is "expired"
    And the response field "pinned" is false
    When I send GET "/api/v1/buildings/{{building}}/notices"
    Then the response field "data" has 0 items
    When I send GET "/api/v1/search?q=voisins"
    Then the response field "data" has 0 items

  Scenario: What a notice must say, and who may change it
    Given I am "anne"
    When I send POST "/api/v1/buildings/{{building}}/notices"
      """
      {"type": "event", "title": "Réunion du conseil", "content": "Ordre du jour à venir."}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "event_date"
    When I send POST "/api/v1/buildings/{{building}}/notices"
      """
      {"type": "announcement", "title": "Clé", "content": "Trouvé une clé."}
      """
    Then the problem names the field "title"
    When I send POST "/api/v1/buildings/{{building}}/notices"
      """
      {"type": "lost_and_found", "title": "Clé trouvée dans le hall", "content": "Une clé de vélo.",
       "expires_at": "2026-03-01T00:00:00Z"}
      """
    Then the problem names the field "expires_at"
    When I send POST "/api/v1/buildings/{{building}}/notices"
      """
      {"type": "lost_and_found", "title": "Clé trouvée dans le hall", "content": "Une clé de vélo."}
      """
    Then the response status is 201
    And the response field "category" is "general"
    And I remember the response field "id" as "key"
    When I send PATCH "/api/v1/notices/{{key}}"
      """
      {"content": "Une clé de vélo, au porte-clés rouge.", "category": "other"}
      """
    Then the response field "content" is "Une clé de vélo, au porte-clés rouge."
    And the response field "title" is "Clé trouvée dans le hall"
    When I send PATCH "/api/v1/notices/{{key}}"
      """
      {"type": "event"}
      """
    Then the problem names the field "event_date"
    Given I am "sam"
    When I send PATCH "/api/v1/notices/{{key}}"
      """
      {"title": "Changé par le syndic"}
      """
    Then the response is a problem 403 with code "not_yours"
    Given I am "anne"
    And I send POST "/api/v1/notices/{{key}}/publish"
    When I send PATCH "/api/v1/notices/{{key}}"
      """
      {"title": "Clé trouvée près des boîtes"}
      """
    Then the response is a problem 409 with code "illegal_transition"
    When I send DELETE "/api/v1/notices/{{key}}"
    Then the response is a problem 409 with code "illegal_transition"
    When I send POST "/api/v1/notices/{{key}}/expire"
    Then the response field "status" is "expired"
    When I send DELETE "/api/v1/notices/{{key}}"
    Then the response status is 204
    When I send GET "/api/v1/notices/{{key}}"
    Then the response is a problem 404 with code "not_found"

  Scenario: Residents see the board and their own drafts; the syndic sees everything and archives
    Given I am "anne"
    And I send POST "/api/v1/buildings/{{building}}/notices"
      """
      {"type": "classified_ad", "title": "Vends vélo d'enfant", "content": "Bon état, 40 €."}
      """
    And I remember the response field "id" as "bike"
    And I send POST "/api/v1/buildings/{{building}}/notices"
      """
      {"type": "announcement", "title": "Brouillon d'Anne", "content": "Pas encore prêt."}
      """
    And I send POST "/api/v1/notices/{{bike}}/publish"
    Given I am "bruno"
    When I send GET "/api/v1/buildings/{{building}}/notices"
    Then the response field "data" has 1 items
    And the response field "data[0].title" is "Vends vélo d'enfant"
    When I send GET "/api/v1/buildings/{{building}}/notices?status=draft"
    Then the response field "data" has 0 items
    Given I am "anne"
    When I send GET "/api/v1/buildings/{{building}}/notices"
    Then the response field "data" has 2 items
    Given I am "sam"
    When I send GET "/api/v1/buildings/{{building}}/notices?type=classified_ad"
    Then the response field "data" has 1 items
    When I send POST "/api/v1/notices/{{bike}}/archive"
    Then the response field "status" is "archived"
    When I send POST "/api/v1/notices/{{bike}}/publish"
    Then the response is a problem 409 with code "illegal_transition"
    Given "sam" invites "victor" as "occupant"
    And "victor" registers with the invitation
    And I am "victor"
    When I send GET "/api/v1/buildings/{{building}}/notices"
    Then the response is a problem 403 with code "not_a_resident"
