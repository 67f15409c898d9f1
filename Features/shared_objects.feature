Feature: Shared objects and the building's credits
  Residents lend each other objects for credits, never money. Each building keeps a small
  double-entry credit ledger: residents' accounts and the building's deposit account, every
  movement balanced, never changed. Borrowing holds the object's deposit; returning refunds it
  and pays the lender the rental, each day begun at the daily rate. A balance may go down to the
  building's trust limit (-100 credits unless the syndic sets another); a return is never
  refused, but a borrower left below the limit borrows nothing more until back above it.

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
    And I am "anne"
    And I send POST "/api/v1/buildings/{{building}}/shared-objects"
      """
      {"name": "Perceuse à percussion", "category": "tools", "condition": "good", "daily_rate": 2, "deposit": 10}
      """
    And I remember the response field "id" as "drill"

  Scenario: A 3-day loan: the deposit is held, then refunded, and the lender paid 6 credits
    When I send POST "/api/v1/shared-objects/{{drill}}/borrow"
    Then the response is a problem 403 with code "own_object"
    Given I am "tom"
    When I send POST "/api/v1/shared-objects/{{drill}}/borrow"
    Then the response status is 200
    And the response field "status" is "borrowed"
    And the response field "loan.due_on" is "2026-03-09"
    When I send GET "/api/v1/me/credits?building_id={{building}}"
    Then the response field "balance" is the number -10
    And the response field "trust_limit" is the number -100
    And the response field "data[0].kind" is "deposit_held"
    Given I am "anne"
    When I send POST "/api/v1/shared-objects/{{drill}}/return"
    Then the response is a problem 403 with code "not_yours"
    Given today is "2026-03-05"
    And "tom" logs in
    And I am "tom"
    When I send POST "/api/v1/shared-objects/{{drill}}/return"
    Then the response field "status" is "available"
    When I send GET "/api/v1/me/credits?building_id={{building}}"
    Then the response field "balance" is the number -6
    And the response field "data[0].kind" is "rental_paid"
    And the response field "data[0].credits" is the number 4
    And the response field "data" has 2 items
    Given "anne" logs in
    And I am "anne"
    When I send GET "/api/v1/me/credits?building_id={{building}}"
    Then the response field "balance" is the number 6

  Scenario: A fourth object at once is refused, and so is a deposit beyond the trust limit
    Given I send POST "/api/v1/buildings/{{building}}/shared-objects"
      """
      {"name": "Échelle", "category": "tools", "deposit": 5}
      """
    And I remember the response field "id" as "ladder"
    And I send POST "/api/v1/buildings/{{building}}/shared-objects"
      """
      {"name": "Livre de cuisine", "category": "books"}
      """
    And I remember the response field "id" as "book"
    And I send POST "/api/v1/buildings/{{building}}/shared-objects"
      """
      {"name": "Tondeuse", "category": "gardening", "deposit": 100, "loan_days": 3}
      """
    And I remember the response field "id" as "mower"
    Given I am "tom"
    And I send POST "/api/v1/shared-objects/{{drill}}/borrow"
    And I send POST "/api/v1/shared-objects/{{ladder}}/borrow"
    And I send POST "/api/v1/shared-objects/{{book}}/borrow"
    When I send POST "/api/v1/shared-objects/{{mower}}/borrow"
    Then the response is a problem 422 with code "too_many_loans"
    When I send GET "/api/v1/buildings/{{building}}/shared-objects?status=borrowed"
    Then the response field "data" has 3 items
    When I send POST "/api/v1/shared-objects/{{book}}/return"
    And I send POST "/api/v1/shared-objects/{{mower}}/borrow"
    Then the response is a problem 422 with code "insufficient_credit"
    When I send GET "/api/v1/me/credits?building_id={{building}}"
    Then the response field "balance" is the number -15
    Given I am "sam"
    When I send PUT "/api/v1/buildings/{{building}}/community-settings"
      """
      {"trust_limit": -200}
      """
    Then the response field "trust_limit" is the number -200
    And the response field "max_loans" is the number 3
    Given I am "tom"
    When I send POST "/api/v1/shared-objects/{{mower}}/borrow"
    Then the response field "status" is "borrowed"
    When I send GET "/api/v1/me/credits?building_id={{building}}"
    Then the response field "balance" is the number -115

  Scenario: A late loan is listed as overdue, and the job reminds the borrower and tells the lender once a day
    Given I am "tom"
    And I send POST "/api/v1/shared-objects/{{drill}}/borrow"
    Given today is "2026-03-10"
    And the job "community-loans" runs
    And the job "community-loans" runs
    And "tom" logs in
    And I am "tom"
    When I send GET "/api/v1/notifications"
    Then the response field "data" has 1 items
    And the response field "data[0].type" is "community.loan_overdue"
    Given "anne" logs in
    And I am "anne"
    When I send GET "/api/v1/buildings/{{building}}/shared-objects?status=overdue"
    Then the response field "data" has 1 items
    And the response field "data[0].status" is "overdue"
    When I send GET "/api/v1/notifications"
    Then the response field "data" has an item whose "type" is "community.loan_overdue"
    When I send DELETE "/api/v1/shared-objects/{{drill}}"
    Then the response is a problem 409 with code "object_unavailable"

  Scenario: An object's photos are documents its building's residents see; only its lender adds or removes them
    When I upload a png file as "perceuse.png" to "/api/v1/shared-objects/{{drill}}/documents"
    Then the response status is 201
    And I remember the response field "id" as "photo"
    Given I am "tom"
    When I send GET "/api/v1/shared-objects/{{drill}}/documents"
    Then the response field "data" has 1 items
    And the response field "data[0].title" is "perceuse.png"
    When I send GET "/api/v1/documents/{{photo}}/versions/1/content"
    Then the response status is 200
    When I upload a png file as "autre.png" to "/api/v1/shared-objects/{{drill}}/documents"
    Then the response is a problem 403 with code "not_yours"
    When I send DELETE "/api/v1/documents/{{photo}}"
    Then the response is a problem 403 with code "not_yours"
    # A resident reaches no other document of the organization.
    When I send GET "/api/v1/documents"
    Then the response is a problem 403 with code "forbidden"
    When I upload a png file as "plan.png" to "/api/v1/buildings/{{building}}/documents"
    Then the response is a problem 403 with code "forbidden"
    Given I am "anne"
    When I send DELETE "/api/v1/documents/{{photo}}"
    Then the response status is 204
    Given I am "tom"
    When I send GET "/api/v1/shared-objects/{{drill}}/documents"
    Then the response field "data" has 0 items
    # The object removed, its photos go with it.
    Given I am "anne"
    And I upload a png file as "perceuse-2.png" to "/api/v1/shared-objects/{{drill}}/documents"
    And I remember the response field "id" as "second"
    Given I am "sam"
    When I send GET "/api/v1/documents"
    Then the response field "data" has an item whose "id" is "{{second}}"
    Given I am "anne"
    When I send DELETE "/api/v1/shared-objects/{{drill}}"
    Then the response status is 204
    Given I am "sam"
    When I send GET "/api/v1/documents"
    Then the response field "data" has no item whose "id" is "{{second}}"
