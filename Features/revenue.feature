Feature: The revenue of an inspection centre
  The organization's admin reads what a centre's bookings brought in over whole days on its
  clocks: the payments received for them, less refunds; how many were inspected, the share of
  re-inspections among them, the no-shows and the cancellations. The report is split by
  service, by day or by inspector, and comes as JSON or as CSV (also from the command line:
  gestio revenue --centre ID --month 2027-03).

  Background:
    Given the API is running
    And today is "2027-03-01"
    And the inspection company "Contrôle Ixelles" of "ines", with its members:
      | name   | role      |
      | victor | inspector |
      | dora   | desk      |
    And I am "ines"
    And I send POST "/api/v1/centres"
      """
      {"name": "Contrôle Ixelles", "slug": "controle-ixelles", "address": "Chaussée de Boondael 1, 1050 Ixelles", "hours": {"monday": ["08:00-17:00"], "tuesday": ["08:00-17:00"], "wednesday": ["08:00-17:00"], "thursday": ["08:00-17:00"], "friday": ["08:00-17:00"]}}
      """
    And I remember the response field "id" as "ixelles"
    And I send PUT "/api/v1/centres/{{ixelles}}/booking-policy"
      """
      {"vat_number": "BE 0403.170.701"}
      """
    And I send POST "/api/v1/centres/{{ixelles}}/lanes"
      """
      {"name": "Piste 1", "categories": ["M1"]}
      """
    And I send POST "/api/v1/centres/{{ixelles}}/services"
      """
      {"name": "Contrôle périodique", "kind": "periodic", "durations": {"M1": 30}, "price": "45.50"}
      """
    And I remember the response field "id" as "periodique"
    And I send POST "/api/v1/centres/{{ixelles}}/services"
      """
      {"name": "Contre-visite", "kind": "reinspection", "durations": {"M1": 15}, "price": "12.00"}
      """
    And I remember the response field "id" as "contre-visite"
    And the inspector "victor" works at the centre "ixelles" on weekdays "08:00-17:00", certified for "M1"
    # Monday: a car inspected and failed, paid in cash, 5.50 given back for the wait.
    And I am "dora"
    And I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{periodique}}", "slot_start": "2027-03-01T10:00:00Z",
       "vehicle": {"plate": "1-AAA-001", "category": "M1"}, "contact": {"name": "Anne Dupont", "phone": "+32470000001"}}
      """
    And I remember the response field "id" as "monday"
    And I remember the response field "vehicle_id" as "car"
    And I send POST "/api/v1/appointments/{{monday}}/payments"
      """
      {"method": "cash"}
      """
    And I remember the response field "id" as "cash"
    And I send POST "/api/v1/payments/{{cash}}/refunds"
      """
      {"amount": "5.50", "reason": "Geste commercial : attente"}
      """
    And I send POST "/api/v1/appointments/{{monday}}/check-in"
    And I am "victor"
    And I send POST "/api/v1/vehicle-inspections"
      """
      {"appointment_id": "{{monday}}"}
      """
    And I remember the response field "id" as "failed"
    And the inspection "failed" finds every point ok except:
      | code | severity | measured |
      | 1.2  | major    | 40       |
    And I send POST "/api/v1/vehicle-inspections/{{failed}}/complete"
    # Booked for Tuesday: the re-inspection, and a car that will not come; for Wednesday, one cancelled.
    And I am "dora"
    And I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{contre-visite}}", "slot_start": "2027-03-02T10:00:00Z", "vehicle_id": "{{car}}"}
      """
    And I remember the response field "id" as "back"
    And I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{periodique}}", "slot_start": "2027-03-02T08:00:00Z",
       "vehicle": {"plate": "1-DDD-004", "category": "M1"}, "contact": {"name": "Denis Absent", "phone": "+32470000004"}}
      """
    And I remember the response field "id" as "absent"
    And I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{periodique}}", "slot_start": "2027-03-03T10:00:00Z",
       "vehicle": {"plate": "1-EEE-005", "category": "M1"}, "contact": {"name": "Eva Annule", "phone": "+32470000005"}}
      """
    And I remember the response field "id" as "cancelled"
    And I send POST "/api/v1/appointments/{{cancelled}}/cancel"
      """
      {"reason": "Vendu"}
      """
    # Tuesday: the re-inspection passes and is paid; the other car never came.
    And 1 days pass
    And "dora" logs in
    And "victor" logs in
    And "ines" logs in
    And I send POST "/api/v1/appointments/{{absent}}/no-show"
    And I send POST "/api/v1/appointments/{{back}}/payments"
      """
      {"method": "card_terminal"}
      """
    And I send POST "/api/v1/appointments/{{back}}/check-in"
    And I am "victor"
    And I send POST "/api/v1/vehicle-inspections"
      """
      {"appointment_id": "{{back}}"}
      """
    And I remember the response field "id" as "again"
    And the inspection "again" finds every point ok
    And I send POST "/api/v1/vehicle-inspections/{{again}}/complete"

  Scenario: The month by service, by day and by inspector
    Given I am "ines"
    When I send GET "/api/v1/centres/{{ixelles}}/revenue?from=2027-03-01&to=2027-03-31"
    Then the response status is 200
    And the response field "group_by" is "service"
    And the response field "lines" has 2 items
    And the response field "lines[0].label" is "Contre-visite"
    And the response field "lines[0].revenue" is "12.00"
    And the response field "lines[0].done" is the number 1
    And the response field "lines[0].reinspections" is the number 1
    And the response field "lines[1].label" is "Contrôle périodique"
    And the response field "lines[1].group" is "{{periodique}}"
    And the response field "lines[1].revenue" is "40.00"
    And the response field "lines[1].bookings" is the number 2
    And the response field "lines[1].done" is the number 1
    And the response field "lines[1].no_shows" is the number 1
    And the response field "lines[1].cancelled" is the number 1
    And the response field "total.revenue" is "52.00"
    And the response field "total.bookings" is the number 3
    And the response field "total.done" is the number 2
    And the response field "total.reinspection_share" is the number 0.5
    And the response field "total.no_shows" is the number 1
    And the response field "total.cancelled" is the number 1
    When I send GET "/api/v1/centres/{{ixelles}}/revenue?from=2027-03-01&to=2027-03-31&group_by=day"
    Then the response field "lines" has 3 items
    And the response field "lines[0].group" is "2027-03-01"
    And the response field "lines[0].revenue" is "40.00"
    And the response field "lines[1].group" is "2027-03-02"
    And the response field "lines[1].revenue" is "12.00"
    And the response field "lines[1].no_shows" is the number 1
    And the response field "lines[2].cancelled" is the number 1
    When I send GET "/api/v1/centres/{{ixelles}}/revenue?from=2027-03-01&to=2027-03-31&group_by=inspector"
    Then the response field "lines" has 1 items
    And the response field "lines[0].label" is "Victor"
    And the response field "lines[0].revenue" is "52.00"
    # Only Tuesday.
    When I send GET "/api/v1/centres/{{ixelles}}/revenue?from=2027-03-02&to=2027-03-02"
    Then the response field "total.revenue" is "12.00"
    And the response field "total.bookings" is the number 2
    And the response field "total.reinspection_share" is the number 1
    When I send GET "/api/v1/centres/{{ixelles}}/revenue.csv?from=2027-03-01&to=2027-03-31&group_by=day"
    Then the response status is 200
    And the response text is, line by line:
      """
      group,label,revenue,bookings,done,reinspections,reinspection_share,no_shows,cancelled
      2027-03-01,2027-03-01,40.00,1,1,0,0.0000,0,0
      2027-03-02,2027-03-02,12.00,2,1,1,1.0000,1,0
      2027-03-03,2027-03-03,0.00,0,0,0,0.0000,0,1
      total,total,52.00,3,2,1,0.5000,1,1
      """

  Scenario: Refused: no period, days backwards, more than a year, an unknown grouping; the desk does not read it
    Given I am "ines"
    When I send GET "/api/v1/centres/{{ixelles}}/revenue?from=2027-03-01"
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "to"
    When I send GET "/api/v1/centres/{{ixelles}}/revenue?from=2027-03-31&to=2027-03-01"
    Then the response is a problem 422 with code "validation_failed"
    When I send GET "/api/v1/centres/{{ixelles}}/revenue?from=2026-01-01&to=2027-03-01"
    Then the response is a problem 422 with code "validation_failed"
    When I send GET "/api/v1/centres/{{ixelles}}/revenue?from=2027-03-01&to=2027-03-31&group_by=lane"
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "group_by"
    When I send GET "/api/v1/centres/{{ixelles}}/revenue?from=2027-02-30&to=2027-03-31"
    Then the response is a problem 422 with code "validation_failed"
    Given I am "dora"
    When I send GET "/api/v1/centres/{{ixelles}}/revenue?from=2027-03-01&to=2027-03-31"
    Then the response status is 403
