Feature: Annual budget
  The syndic drafts the year's budget, the general assembly votes it, it becomes the active
  budget of the year, and it is closed at year end: Draft → Voted → Active → Closed.
  Amounts are decimal strings (numbers are accepted too) held to the cent.

  Background:
    Given the API is running
    And the syndic "sam" of "Syndic Dupont" manages the building "Résidence Les Tilleuls" of 1000 tantièmes
    And I send POST "/api/v1/buildings/{{building}}/budgets"
      """
      {"fiscal_year": 2026, "ordinary_amount": "10000.00", "extraordinary_amount": 5000, "notes": "Proposal A",
       "lines": [{"account_code": "610", "label": "Entretien", "amount": "6000"},
                 {"account_code": "611", "label": "Nettoyage", "amount": 4000.00},
                 {"account_code": "613", "label": "Toiture", "amount": "5000.00", "kind": "extraordinary"}]}
      """
    Then the response status is 201
    And I remember the response field "id" as "budget"

  Scenario: A draft budget shows its totals and monthly provision
    When I send GET "/api/v1/budgets/{{budget}}"
    Then the response status is 200
    And the response field "status" is "draft"
    And the response field "ordinary_amount" is "10000.00"
    And the response field "extraordinary_amount" is "5000.00"
    And the response field "total_amount" is "15000.00"
    And the response field "monthly_provision" is "1250.00"
    And the response field "lines" has 3 items
    And the response field "lines[1].amount" is "4000.00"
    And the response field "lines[1].kind" is "ordinary"
    And the response field "lines[2].kind" is "extraordinary"

  Scenario: The full lifecycle, and transitions out of order are refused with both states
    When I send PUT "/api/v1/budgets/{{budget}}/activate"
    Then the response is a problem 409 with code "illegal_transition"
    And the response field "current_state" is "draft"
    And the response field "requested_state" is "active"
    When I send PUT "/api/v1/budgets/{{budget}}/vote"
      """
      {"general_assembly_date": "2026-03-15", "resolution_ref": "AG-2026-04"}
      """
    Then the response status is 200
    And the response field "status" is "voted"
    And the response field "general_assembly_date" is "2026-03-15"
    When I send PUT "/api/v1/budgets/{{budget}}/vote"
      """
      {"general_assembly_date": "2026-03-16"}
      """
    Then the response is a problem 409 with code "illegal_transition"
    When I send PUT "/api/v1/budgets/{{budget}}/activate"
    Then the response field "status" is "active"
    When I send PUT "/api/v1/budgets/{{budget}}/close"
    Then the response field "status" is "closed"
    When I send PUT "/api/v1/budgets/{{budget}}/close"
    Then the response is a problem 409 with code "illegal_transition"
    And the response field "current_state" is "closed"

  Scenario: Only one budget is active per building and year; drafts may compete
    When I send POST "/api/v1/buildings/{{building}}/budgets"
      """
      {"fiscal_year": 2026, "ordinary_amount": "9000", "extraordinary_amount": "0"}
      """
    Then the response status is 201
    And I remember the response field "id" as "alternative"
    When I send PUT "/api/v1/budgets/{{budget}}/vote"
      """
      {"general_assembly_date": "2026-03-15"}
      """
    And I send PUT "/api/v1/budgets/{{budget}}/activate"
    Then the response field "status" is "active"
    When I send PUT "/api/v1/budgets/{{alternative}}/vote"
      """
      {"general_assembly_date": "2026-03-15"}
      """
    And I send PUT "/api/v1/budgets/{{alternative}}/activate"
    Then the response is a problem 409 with code "budget_already_active"
    When I send GET "/api/v1/buildings/{{building}}/budgets"
    Then the response field "data" has 2 items
    And the response field "pagination.total_items" is the number 2

  Scenario: Only drafts are edited or deleted
    When I send PATCH "/api/v1/budgets/{{budget}}"
      """
      {"notes": "Proposal A, revised", "ordinary_amount": "11000",
       "lines": [{"account_code": "610", "label": "Entretien", "amount": "11000"},
                 {"account_code": "613", "label": "Toiture", "amount": "5000", "kind": "extraordinary"}]}
      """
    Then the response status is 200
    And the response field "total_amount" is "16000.00"
    When I send PUT "/api/v1/budgets/{{budget}}/vote"
      """
      {"general_assembly_date": "2026-03-15"}
      """
    And I send PATCH "/api/v1/budgets/{{budget}}"
      """
      {"notes": "too late"}
      """
    Then the response is a problem 409 with code "illegal_transition"
    When I send DELETE "/api/v1/budgets/{{budget}}"
    Then the response is a problem 409 with code "illegal_transition"
    When I send POST "/api/v1/buildings/{{building}}/budgets"
      """
      {"fiscal_year": 2027, "ordinary_amount": "1"}
      """
    And I remember the response field "id" as "draft"
    And I send DELETE "/api/v1/budgets/{{draft}}"
    Then the response status is 204
    When I send GET "/api/v1/budgets/{{draft}}"
    Then the response is a problem 404 with code "not_found"

  Scenario Outline: Invalid budgets are refused with the field named
    When I send POST "/api/v1/buildings/{{building}}/budgets"
      """
      <body>
      """
    Then the response is a problem <status> with code "<code>"
    And the problem names the field "<field>"

    Examples:
      | body                                                                                                         | status | code              | field                |
      | {"fiscal_year": 1999, "ordinary_amount": "100"}                                                              | 422    | validation_failed | fiscal_year          |
      | {"fiscal_year": 2026, "ordinary_amount": "0", "extraordinary_amount": "0"}                                   | 422    | validation_failed | ordinary_amount      |
      | {"fiscal_year": 2026, "ordinary_amount": "-5"}                                                               | 422    | validation_failed | ordinary_amount      |
      | {"fiscal_year": 2026, "ordinary_amount": "10.001"}                                                           | 422    | validation_failed | ordinary_amount      |
      | {"fiscal_year": 2026, "ordinary_amount": "ten"}                                                              | 422    | validation_failed | ordinary_amount      |
      | {"fiscal_year": 2026, "ordinary_amount": true}                                                               | 400    | invalid_type      | ordinary_amount      |
      | {"fiscal_year": 2026, "ordinary_amount": "100", "lines": [{"account_code": "610", "label": "x", "amount": "99.99"}]} | 422 | validation_failed | lines       |
      | {"fiscal_year": 2026, "ordinary_amount": "100", "extraordinary_amount": "50", "lines": [{"account_code": "610", "label": "x", "amount": "150"}]} | 422 | validation_failed | lines |
      | {"fiscal_year": 2026, "ordinary_amount": "100", "lines": [{"account_code": "700", "label": "x", "amount": "100"}]} | 422 | validation_failed | lines.account_code |
      | {"fiscal_year": 2026, "ordinary_amount": "100", "lines": [{"account_code": "610", "label": "x", "amount": "100", "kind": "urgent"}]} | 422 | validation_failed | lines.kind |
      | {"fiscal_year": 2026, "ordinary_amount": "100", "lines": [{"account_code": "610", "label": "x", "amount": "50"}, {"account_code": "610", "label": "y", "amount": "50"}]} | 422 | validation_failed | lines |
      | {"ordinary_amount": "100"}                                                                                   | 422    | missing_field     | fiscal_year          |

  Scenario: A vote needs the general assembly's date
    When I send PUT "/api/v1/budgets/{{budget}}/vote"
      """
      {"general_assembly_date": "15/03/2026"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "general_assembly_date"

  Scenario: Another organization's budget does not exist for you
    Given "zoe" has registered the organization "Other syndic"
    And I am "zoe"
    When I send GET "/api/v1/budgets/{{budget}}"
    Then the response is a problem 404 with code "not_found"
    When I send PUT "/api/v1/budgets/{{budget}}/vote"
      """
      {"general_assembly_date": "2026-03-15"}
      """
    Then the response is a problem 404 with code "not_found"
    When I send POST "/api/v1/buildings/{{building}}/budgets"
      """
      {"fiscal_year": 2026, "ordinary_amount": "1"}
      """
    Then the response is a problem 404 with code "not_found"
