Feature: The reserve fund rule
  The association must fund a reserve for non-periodic expenses (a new roof, a lift) no later
  than 5 years after the provisional acceptance of its common parts, each year with at least
  5 % of the previous year's ordinary charges, unless the assembly decides by a 4/5 majority not
  to (Civil Code art. 3.86 §3). The building records the date of provisional acceptance; the
  shortfall shows on the building's governance page and with the budget's variance.

  Background:
    Given the API is running
    And today is "2026-03-06"
    And the syndic "sam" of "Syndic Dupont" manages the building "Résidence Les Tilleuls" of 1000 tantièmes
    And the building has the lots:
      | number | type      | tantiemes |
      | A      | apartment | 600       |
      | B      | apartment | 400       |
    And the owners:
      | name  |
      | Anne  |
      | Bruno |
    And the lots are owned as follows:
      | lot | owner |
      | A   | anne  |
      | B   | bruno |
    And the building's chart has the accounts:
      | code | label     |
      | 610  | Entretien |
    And I send POST "/api/v1/buildings/{{building}}/journal-entries"
      """
      {"journal": "ACH", "type": "manual", "entry_date": "2025-11-15", "description": "Entretien 2025",
       "lines": [{"account_code": "610", "debit": "10000.00"}, {"account_code": "440", "credit": "10000.00"}]}
      """

  Scenario: Five years after acceptance, a reserve below 5 % of last year's charges shows as a shortfall
    When I send GET "/api/v1/buildings/{{building}}/reserve-fund"
    Then the response field "status" is "acceptance_unknown"
    When I send PUT "/api/v1/buildings/{{building}}/reserve-fund"
      """
      {"provisional_acceptance_date": "2022-06-01"}
      """
    Then the response field "required_from" is "2027-06-01"
    And the response field "status" is "not_yet_required"
    When I send PUT "/api/v1/buildings/{{building}}/reserve-fund"
      """
      {"provisional_acceptance_date": "2019-06-01"}
      """
    Then the response field "fiscal_year" is the number 2026
    And the response field "previous_year_charges" is "10000.00"
    And the response field "required" is "500.00"
    And the response field "received" is "0.00"
    And the response field "status" is "shortfall"
    Given I send POST "/api/v1/buildings/{{building}}/call-for-funds"
      """
      {"title": "Fonds de réserve T1", "period": "quarterly", "extraordinary_amount": "300.00", "call_date": "2026-01-05",
       "due_date": "2026-02-05"}
      """
    And I remember the response field "id" as "call"
    And I send PUT "/api/v1/call-for-funds/{{call}}/send"
    When I send GET "/api/v1/buildings/{{building}}/governance"
    Then the response field "reserve_fund.status" is "shortfall"
    And the response field "reserve_fund.received" is "300.00"
    And the response field "reserve_fund.shortfall" is "200.00"
    Given I send POST "/api/v1/buildings/{{building}}/budgets"
      """
      {"fiscal_year": 2026, "ordinary_amount": "10000.00", "extraordinary_amount": "1200.00"}
      """
    And I remember the response field "id" as "budget"
    When I send GET "/api/v1/budgets/{{budget}}/variance"
    Then the response field "reserve_fund.shortfall" is "200.00"
    Given I send POST "/api/v1/buildings/{{building}}/call-for-funds"
      """
      {"title": "Fonds de réserve T2", "period": "quarterly", "extraordinary_amount": "300.00", "call_date": "2026-03-06",
       "due_date": "2026-04-06"}
      """
    And I remember the response field "id" as "second"
    And I send PUT "/api/v1/call-for-funds/{{second}}/send"
    When I send GET "/api/v1/buildings/{{building}}/reserve-fund?fiscal_year=2026"
    Then the response field "status" is "met"
    And the response field "shortfall" is "0.00"
    When I send GET "/api/v1/buildings/{{building}}/reserve-fund?fiscal_year=1800"
    Then the response is a problem 422 with code "validation_failed"

  Scenario: The assembly waives the reserve fund for a year by 4/5
    Given I send PUT "/api/v1/buildings/{{building}}/reserve-fund"
      """
      {"provisional_acceptance_date": "2019-06-01"}
      """
    And an ordinary assembly is planned on "2026-03-23"
    And the agenda has the points:
      | title                                  | decision_type       |
      | Pas de dotation au fonds de réserve    | reserve_fund_waiver |
    And the syndic convenes the assembly
    And the attendance is:
      | owner | attendance |
      | anne  | present    |
      | bruno | present    |
    And the assembly opens
    And point 1 is put to the vote as "Ne pas constituer de fonds de réserve en 2026"
    And the votes are:
      | owner | ballot |
      | anne  | yes    |
      | bruno | yes    |
    And the vote is closed
    When I send GET "/api/v1/buildings/{{building}}/reserve-fund"
    Then the response field "status" is "waived"
    And the response field "required" is "500.00"
    When I send GET "/api/v1/buildings/{{building}}/governance"
    Then the response field "reserve_fund.status" is "waived"
    And the response field "reserve_fund.shortfall" is "0.00"
