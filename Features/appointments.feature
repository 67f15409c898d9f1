Feature: Appointments at a vehicle inspection centre: free slots
  A centre opens at set hours, closes on the legal public holidays and on its own closing days.
  A slot lasts as long as the service takes for the vehicle's category, and needs, over its whole
  length, a lane that takes that category and an inspector certified for it and at work, both
  free. The centre's admin sets it up; desk staff and inspectors read it.

  Background:
    Given the API is running
    And today is "2027-03-01"
    And the inspection company "Contrôle Ixelles" of "ines", with its members:
      | name  | role      |
      | victor | inspector |
      | wendy  | inspector |
      | dora   | desk      |
    And I am "ines"
    And I send POST "/api/v1/centres"
      """
      {"name": "Contrôle Ixelles", "slug": "controle-ixelles", "address": "Chaussée de Boondael 1, 1050 Ixelles", "hours": {"monday": ["08:00-12:00", "13:00-17:00"], "tuesday": ["08:00-12:00", "13:00-17:00"], "wednesday": ["08:00-12:00"], "thursday": ["08:00-12:00", "13:00-17:00"], "friday": ["08:00-12:00", "13:00-17:00"]}}
      """
    And I remember the response field "id" as "ixelles"
    And I send POST "/api/v1/centres/{{ixelles}}/lanes"
      """
      {"name": "Piste voitures", "categories": ["M1"]}
      """
    And I send POST "/api/v1/centres/{{ixelles}}/services"
      """
      {"name": "Contrôle périodique", "durations": {"M1": 30, "N1": 45}, "price": "45.50", "vat_rate": "21"}
      """
    And I remember the response field "id" as "periodique"

  Scenario: A slot needs a lane that takes the category and a certified inspector at work
    Given the inspector "victor" works at the centre "ixelles" on weekdays "08:00-10:00", certified for "M1"
    And I am "dora"
    When I send GET "/api/v1/centres/{{ixelles}}/availability?service={{periodique}}&category=M1&date_from=2027-03-02"
    Then the response field "data" has 4 items
    And the response field "data[0].start" is "2027-03-02T07:00:00Z"
    And the response field "data[3].end" is "2027-03-02T09:00:00Z"
    # No lane takes vans: no slot, whoever works.
    When I send GET "/api/v1/centres/{{ixelles}}/availability?service={{periodique}}&category=N1&date_from=2027-03-02"
    Then the response field "data" has 0 items
    # A second inspector, in the afternoons: the lane is free, so more slots.
    Given I am "ines"
    And the inspector "wendy" works at the centre "ixelles" on weekdays "13:00-15:00", certified for "M1, N1"
    And I send POST "/api/v1/centres/{{ixelles}}/lanes"
      """
      {"name": "Piste utilitaires", "categories": ["N1"]}
      """
    When I send GET "/api/v1/centres/{{ixelles}}/availability?service={{periodique}}&category=M1&date_from=2027-03-02"
    Then the response field "data" has 8 items
    When I send GET "/api/v1/centres/{{ixelles}}/availability?service={{periodique}}&category=N1&date_from=2027-03-02"
    Then the response field "data" has 2 items
    And the response field "data[0].start" is "2027-03-02T12:00:00Z"
    # Wednesday afternoon the centre is closed, whoever works.
    When I send GET "/api/v1/centres/{{ixelles}}/availability?service={{periodique}}&category=N1&date_from=2027-03-03"
    Then the response field "data" has 0 items

  Scenario: Closed on the legal holidays and on the centre's own days
    Given the inspector "victor" works at the centre "ixelles" on weekdays "08:00-12:00", certified for "M1"
    When I send POST "/api/v1/centres/{{ixelles}}/closures"
      """
      {"dates": ["2027-03-04"]}
      """
    Then the response field "closures" lists "2027-03-04"
    # Easter Monday 2027 is 29 March.
    When I send GET "/api/v1/centres/{{ixelles}}/availability?service={{periodique}}&category=M1&date_from=2027-03-29"
    Then the response field "data" has 0 items
    When I send GET "/api/v1/centres/{{ixelles}}/availability?service={{periodique}}&category=M1&date_from=2027-03-04"
    Then the response field "data" has 0 items
    When I send GET "/api/v1/centres/{{ixelles}}/availability?service={{periodique}}&category=M1&date_from=2027-03-02&date_to=2027-03-05"
    Then the response field "data" has 24 items

  Scenario: The admin sets the centre up; mistakes are refused, and others only read
    When I send PUT "/api/v1/centres/{{ixelles}}/hours"
      """
      {"hours": {"monday": ["08:00-12:00", "11:00-14:00"]}}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "hours"
    When I send POST "/api/v1/centres"
      """
      {"name": "Autre centre", "slug": "controle-ixelles", "address": "Rue Haute 3, 1000 Bruxelles"}
      """
    Then the response is a problem 409 with code "slug_taken"
    When I send PUT "/api/v1/inspectors/{{dora.id}}/schedule"
      """
      {"centre_id": "{{ixelles}}", "hours": {"monday": ["08:00-12:00"]}, "categories": ["M1"]}
      """
    Then the response is a problem 422 with code "validation_failed"
    When I send POST "/api/v1/centres/{{ixelles}}/services"
      """
      {"name": "Contrôle moto", "durations": {"L": 2}, "price": "30"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "durations"
    When I send GET "/api/v1/centres/{{ixelles}}/availability?service={{periodique}}&category=M1&date_from=2027-03-02&date_to=2027-06-30"
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "date_to"
    Given I am "dora"
    When I send GET "/api/v1/centres/{{ixelles}}/services"
    Then the response field "data[0].price" is "45.50"
    And the response field "data[0].vat_rate" is "21.00"
    When I send POST "/api/v1/centres/{{ixelles}}/lanes"
      """
      {"name": "Piste 3", "categories": ["M1"]}
      """
    Then the response is a problem 403 with code "forbidden"
