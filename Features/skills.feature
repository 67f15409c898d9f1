Feature: The skills directory
  Residents offer their neighbours what they know how to do: plumbing, a language, help with a
  computer, looking after a pet. A skill is free, or paid in the building's credits by the hour
  (at most 100). It is "professional" when its holder is an expert or certified. Every resident
  reads the directory; only its owner changes or removes a skill. Help given through a skill is
  recorded by one side and confirmed by the other; only then do the credits move, from the one
  helped to the one who helped.

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
      | tom   | B   | occupant |

  Scenario: An occupant offers skills; residents find them by category, level and price
    Given I am "tom"
    When I send POST "/api/v1/buildings/{{building}}/skills"
      """
      {"name": "Dépannage plomberie", "category": "home_repair", "level": "expert", "years_of_experience": 12,
       "hourly_rate": 10, "availability": "le week-end"}
      """
    Then the response status is 201
    And the response field "professional" is true
    And the response field "free" is false
    And I remember the response field "id" as "plumbing"
    When I send POST "/api/v1/buildings/{{building}}/skills"
      """
      {"name": "Conversation en néerlandais", "category": "languages", "level": "intermediate",
       "certifications": ["Certificat Huis van het Nederlands B2"]}
      """
    Then the response field "professional" is true
    And the response field "free" is true
    And the response field "available" is true
    When I send POST "/api/v1/buildings/{{building}}/skills"
      """
      {"name": "Garde de chats", "category": "pet_care", "level": "beginner"}
      """
    Then the response field "professional" is false
    Given I am "anne"
    When I send GET "/api/v1/buildings/{{building}}/skills"
    Then the response field "data" has 3 items
    And the response field "data[0].name" is "Conversation en néerlandais"
    When I send GET "/api/v1/buildings/{{building}}/skills?free=false"
    Then the response field "data" has 1 items
    And the response field "data[0].hourly_rate" is the number 10
    When I send GET "/api/v1/buildings/{{building}}/skills?level=intermediate"
    Then the response field "data" has 2 items
    And the response field "data" has no item whose "name" is "Garde de chats"
    When I send GET "/api/v1/buildings/{{building}}/skills?category=pet_care"
    Then the response field "data[0].name" is "Garde de chats"

  Scenario: Only its owner changes or removes a skill; what a skill must say
    Given I am "anne"
    When I send POST "/api/v1/buildings/{{building}}/skills"
      """
      {"name": "Py", "category": "technology"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "name"
    When I send POST "/api/v1/buildings/{{building}}/skills"
      """
      {"name": "Aide informatique", "category": "technology", "hourly_rate": 101}
      """
    Then the problem names the field "hourly_rate"
    When I send POST "/api/v1/buildings/{{building}}/skills"
      """
      {"name": "Aide informatique", "category": "technology", "years_of_experience": 51}
      """
    Then the problem names the field "years_of_experience"
    When I send POST "/api/v1/buildings/{{building}}/skills"
      """
      {"name": "Aide informatique", "category": "robotics"}
      """
    Then the problem names the field "category"
    When I send POST "/api/v1/buildings/{{building}}/skills"
      """
      {"name": "Aide informatique", "category": "technology", "hourly_rate": 5}
      """
    Then the response status is 201
    And the response field "level" is "intermediate"
    And I remember the response field "id" as "computers"
    When I send PATCH "/api/v1/skills/{{computers}}"
      """
      {"available": false, "hourly_rate": 0}
      """
    Then the response field "available" is false
    And the response field "free" is true
    And the response field "name" is "Aide informatique"
    Given I am "tom"
    When I send PATCH "/api/v1/skills/{{computers}}"
      """
      {"hourly_rate": 50}
      """
    Then the response is a problem 403 with code "not_yours"
    When I send DELETE "/api/v1/skills/{{computers}}"
    Then the response is a problem 403 with code "not_yours"
    When I send GET "/api/v1/buildings/{{building}}/skills?available=false"
    Then the response field "data" has 1 items
    Given I am "anne"
    When I send DELETE "/api/v1/skills/{{computers}}"
    Then the response status is 204
    When I send GET "/api/v1/skills/{{computers}}"
    Then the response is a problem 404 with code "not_found"

  Scenario: Help paid in credits moves them only when both sides have confirmed it
    Given I am "tom"
    And I send POST "/api/v1/buildings/{{building}}/skills"
      """
      {"name": "Dépannage plomberie", "category": "home_repair", "level": "advanced", "hourly_rate": 10}
      """
    And I remember the response field "id" as "plumbing"
    When I send POST "/api/v1/skills/{{plumbing}}/sessions"
      """
      {"hours": 3}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the response field "field" is "recipient_id"
    Given I am "anne"
    When I send POST "/api/v1/skills/{{plumbing}}/sessions"
      """
      {"hours": 3}
      """
    Then the response status is 201
    And the response field "status" is "requested"
    And the response field "credits" is the number 30
    And the response field "awaited_from" is "{{tom.id}}"
    And I remember the response field "id" as "repair"
    When I send POST "/api/v1/skill-sessions/{{repair}}/confirm"
    Then the response is a problem 403 with code "not_yours"
    When I send GET "/api/v1/me/credits?building_id={{building}}"
    Then the response field "balance" is the number 0
    Given I am "tom"
    When I send GET "/api/v1/notifications"
    Then the response field "data[0].type" is "community.skill_session"
    When I send POST "/api/v1/skill-sessions/{{repair}}/confirm"
    Then the response field "status" is "completed"
    When I send GET "/api/v1/me/credits?building_id={{building}}"
    Then the response field "balance" is the number 30
    And the response field "data[0].kind" is "skill_session"
    Given I am "anne"
    When I send GET "/api/v1/me/credits?building_id={{building}}"
    Then the response field "balance" is the number -30
    When I send POST "/api/v1/skill-sessions/{{repair}}/cancel"
    Then the response is a problem 409 with code "illegal_transition"

  Scenario: The owner of a skill records the help they gave; the trust limit holds; either side cancels
    Given I am "tom"
    And I send POST "/api/v1/buildings/{{building}}/skills"
      """
      {"name": "Cours de guitare", "category": "arts", "level": "expert", "hourly_rate": 30}
      """
    And I remember the response field "id" as "guitar"
    When I send POST "/api/v1/skills/{{guitar}}/sessions"
      """
      {"hours": 4, "recipient_id": "{{anne.id}}"}
      """
    Then the response is a problem 422 with code "insufficient_credit"
    When I send POST "/api/v1/skills/{{guitar}}/sessions"
      """
      {"hours": 2, "recipient_id": "{{sam.id}}"}
      """
    Then the response is a problem 422 with code "validation_failed"
    When I send POST "/api/v1/skills/{{guitar}}/sessions"
      """
      {"hours": 2, "recipient_id": "{{anne.id}}"}
      """
    Then the response field "awaited_from" is "{{anne.id}}"
    And I remember the response field "id" as "lesson"
    Given I am "anne"
    When I send GET "/api/v1/skills/{{guitar}}/sessions"
    Then the response field "data" has 1 items
    When I send POST "/api/v1/skill-sessions/{{lesson}}/cancel"
    Then the response field "status" is "cancelled"
    When I send GET "/api/v1/me/credits?building_id={{building}}"
    Then the response field "balance" is the number 0
