Feature: Polls between assemblies
  Between two general assemblies the syndic, an admin or a board member consults the building's
  owners by a poll: yes or no, a choice among options, a mark from 1 to 5, or a written answer.
  A poll decides nothing (only the assembly does): it tells what the owners think. The owners of
  the building on the day it opens are its voters; each answers once. An anonymous poll keeps
  the ballots without their owner. Occupants take part in the building's community, not in its
  polls.

  Background:
    Given the API is running
    And today is "2026-03-02"
    And the syndic "sam" of "Syndic Dupont" manages the building "Résidence Les Tilleuls" of 1000 tantièmes
    And the building has the lots:
      | number | type      | tantiemes |
      | A      | apartment | 400       |
      | B      | apartment | 350       |
      | C      | apartment | 250       |
    And the residents:
      | name  | lot | as       |
      | anne  | A   | owner    |
      | bruno | B   | owner    |
      | chloe | C   | owner    |
      | tom   | C   | occupant |

  Scenario: A yes/no poll: the owners answer once, the results name the winner
    When I send POST "/api/v1/buildings/{{building}}/polls"
      """
      {"title": "Installer des bornes de recharge au parking ?", "type": "yes_no",
       "ends_at": "2026-03-20T18:00:00Z"}
      """
    Then the response status is 201
    And the response field "status" is "draft"
    And the response field "options" has 2 items
    And the response field "options[0].label" is "Oui"
    And I remember the response field "id" as "poll"
    And I remember the response field "options[0].id" as "yes"
    And I remember the response field "options[1].id" as "no"
    When I send POST "/api/v1/polls/{{poll}}/publish"
    Then the response field "status" is "active"
    And the response field "eligible_voters" is the number 3
    Given I am "anne"
    When I send GET "/api/v1/notifications"
    Then the response field "data" has an item whose "type" is "community.poll_published"
    When I send POST "/api/v1/polls/{{poll}}/votes"
      """
      {"option_ids": ["{{yes}}"]}
      """
    Then the response status is 201
    And the response field "has_voted" is true
    When I send POST "/api/v1/polls/{{poll}}/votes"
      """
      {"option_ids": ["{{no}}"]}
      """
    Then the response is a problem 409 with code "already_voted"
    Given I am "bruno"
    And I send POST "/api/v1/polls/{{poll}}/votes"
      """
      {"option_ids": ["{{yes}}"]}
      """
    When I send GET "/api/v1/polls/{{poll}}/results"
    Then the response field "ballots" is the number 2
    And the response field "participation" is the number 66.67
    And the response field "counts[0].votes" is the number 2
    And the response field "counts[0].percent" is the number 100
    And the response field "winner.label" is "Oui"
    And the response field "tie" is false

  Scenario: A multiple-choice poll takes several options only when it allows them
    When I send POST "/api/v1/buildings/{{building}}/polls"
      """
      {"title": "Quelle couleur pour le hall ?", "type": "multiple_choice",
       "options": ["Blanc", "Gris", "Vert"], "ends_at": "2026-03-20T18:00:00Z"}
      """
    And I remember the response field "id" as "poll"
    And I remember the response field "options[0].id" as "white"
    And I remember the response field "options[1].id" as "grey"
    And I send POST "/api/v1/polls/{{poll}}/publish"
    Given I am "anne"
    When I send POST "/api/v1/polls/{{poll}}/votes"
      """
      {"option_ids": ["{{white}}", "{{grey}}"]}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "option_ids"
    When I send POST "/api/v1/polls/{{poll}}/votes"
      """
      {"option_ids": ["{{building}}"]}
      """
    Then the response is a problem 422 with code "validation_failed"
    When I send POST "/api/v1/polls/{{poll}}/votes"
      """
      {"option_ids": ["{{grey}}"]}
      """
    Then the response status is 201
    Given I am "sam"
    When I send POST "/api/v1/buildings/{{building}}/polls"
      """
      {"title": "Quels travaux en priorité ?", "type": "multiple_choice", "allow_multiple": true,
       "options": ["Toiture", "Façade", "Ascenseur"], "ends_at": "2026-03-20T18:00:00Z"}
      """
    And I remember the response field "id" as "works"
    And I remember the response field "options[0].id" as "roof"
    And I remember the response field "options[2].id" as "lift"
    And I send POST "/api/v1/polls/{{works}}/publish"
    Given I am "anne"
    When I send POST "/api/v1/polls/{{works}}/votes"
      """
      {"option_ids": ["{{roof}}", "{{lift}}"]}
      """
    Then the response status is 201
    When I send GET "/api/v1/polls/{{works}}/results"
    Then the response field "counts[0].votes" is the number 1
    And the response field "counts[1].votes" is the number 0
    And the response field "counts[2].votes" is the number 1
    And the response field "tie" is true
    And the response field "tied_for" has 2 items
    And the response has no field "winner"

  Scenario: A rating poll gives the mean mark; an open-ended one keeps the answers
    When I send POST "/api/v1/buildings/{{building}}/polls"
      """
      {"title": "Êtes-vous satisfait du nettoyage ?", "type": "rating", "ends_at": "2026-03-20T18:00:00Z"}
      """
    And I remember the response field "id" as "rating"
    And I send POST "/api/v1/polls/{{rating}}/publish"
    When I send POST "/api/v1/buildings/{{building}}/polls"
      """
      {"title": "Une idée pour la fête des voisins ?", "type": "open_ended", "ends_at": "2026-03-20T18:00:00Z"}
      """
    And I remember the response field "id" as "ideas"
    And I send POST "/api/v1/polls/{{ideas}}/publish"
    Given I am "anne"
    When I send POST "/api/v1/polls/{{rating}}/votes"
      """
      {"rating": 6}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "rating"
    And I send POST "/api/v1/polls/{{rating}}/votes"
      """
      {"rating": 4}
      """
    And I send POST "/api/v1/polls/{{ideas}}/votes"
      """
      {"text": "Un barbecue dans la cour"}
      """
    Given I am "bruno"
    And I send POST "/api/v1/polls/{{rating}}/votes"
      """
      {"rating": 5}
      """
    When I send GET "/api/v1/polls/{{rating}}/results"
    Then the response field "average_rating" is the number 4.5
    And the response field "counts[3].votes" is the number 1
    And the response field "counts[4].votes" is the number 1
    When I send GET "/api/v1/polls/{{ideas}}/results"
    Then the response field "answers" has 1 items
    And the response field "answers[0]" is "Un barbecue dans la cour"

  Scenario: An anonymous poll keeps who voted apart from the ballots
    When I send POST "/api/v1/buildings/{{building}}/polls"
      """
      {"title": "Faut-il changer de syndic ?", "type": "yes_no", "anonymous": true,
       "ends_at": "2026-03-20T18:00:00Z"}
      """
    And I remember the response field "id" as "poll"
    And I remember the response field "options[1].id" as "no"
    And I send POST "/api/v1/polls/{{poll}}/publish"
    Given I am "chloe"
    When I send POST "/api/v1/polls/{{poll}}/votes"
      """
      {"option_ids": ["{{no}}"]}
      """
    Then the response status is 201
    And the response field "anonymous" is true
    When I send POST "/api/v1/polls/{{poll}}/votes"
      """
      {"option_ids": ["{{no}}"]}
      """
    Then the response is a problem 409 with code "already_voted"
    When I send GET "/api/v1/polls/{{poll}}/results"
    Then the response field "ballots" is the number 1
    And the response field "winner.label" is "Non"

  Scenario: Occupants and outsiders are refused; the poll closes at its end and the figures follow
    When I send POST "/api/v1/buildings/{{building}}/polls"
      """
      {"title": "Remplacer la porte du garage ?", "type": "yes_no", "ends_at": "2026-03-10T18:00:00Z"}
      """
    And I remember the response field "id" as "poll"
    And I send POST "/api/v1/polls/{{poll}}/publish"
    Given I am "tom"
    When I send GET "/api/v1/polls/{{poll}}"
    Then the response is a problem 403 with code "owners_only"
    When I send GET "/api/v1/buildings/{{building}}/community/me"
    Then the response field "role" is "occupant"
    Given "sam" invites "victor" as "owner"
    And "victor" registers with the invitation
    And I am "victor"
    When I send GET "/api/v1/buildings/{{building}}/polls"
    Then the response is a problem 403 with code "not_a_resident"
    # An owner answers polls; making and closing them is for the syndic, admins and the board.
    Given I am "anne"
    When I send POST "/api/v1/polls/{{poll}}/close"
    Then the response is a problem 403 with code "forbidden"
    Given today is "2026-03-11"
    And the job "community-polls" runs
    And "anne" logs in
    When I send POST "/api/v1/polls/{{poll}}/votes"
      """
      {"option_ids": []}
      """
    Then the response is a problem 409 with code "poll_not_open"
    When I send GET "/api/v1/polls/{{poll}}"
    Then the response field "status" is "closed"
    When I send GET "/api/v1/buildings/{{building}}/polls/statistics"
    Then the response field "total" is the number 1
    And the response field "closed" is the number 1
    And the response field "average_participation" is the number 0
    Given "sam" logs in
    And I am "sam"
    When I send POST "/api/v1/polls/{{poll}}/cancel"
    Then the response is a problem 409 with code "illegal_transition"
