Feature: Vehicle inspections on the lanes: the checklist point by point, the verdict, the re-inspection and the next due date
  A booking checked in at the desk is inspected by the inspector it is assigned to, on the
  service's checklist for the vehicle's category (the standard points of the EU roadworthiness
  directive until the centre writes its own version). Each point is ok, or a defect that is
  minor, major or dangerous; the worst defect decides the verdict. A failed vehicle comes back
  within 15 days for a re-inspection of the failed points only. A passing verdict sets the next
  due date by category and age. A completed inspection is locked.

  Background:
    Given the API is running
    And today is "2027-03-01"
    And the inspection company "Contrôle Ixelles" of "ines", with its members:
      | name   | role      |
      | victor | inspector |
      | wendy  | inspector |
      | dora   | desk      |
    And I am "ines"
    And I send POST "/api/v1/centres"
      """
      {"name": "Contrôle Ixelles", "slug": "controle-ixelles", "address": "Chaussée de Boondael 1, 1050 Ixelles", "hours": {"monday": ["08:00-17:00"], "tuesday": ["08:00-17:00"], "wednesday": ["08:00-17:00"], "thursday": ["08:00-17:00"], "friday": ["08:00-17:00"]}}
      """
    And I remember the response field "id" as "ixelles"
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
    And I am "dora"
    And I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{periodique}}", "slot_start": "2027-03-01T10:00:00Z",
       "vehicle": {"plate": "1-ABC-234", "category": "M1", "make": "Volkswagen", "model": "Golf", "fuel": "diesel", "first_registration": "2020-05-10"},
       "contact": {"name": "Marc Dubois", "email": "marc@example.com"}}
      """
    And I remember the response field "id" as "booking"
    And I remember the response field "vehicle_id" as "golf"

  Scenario: A car without defect passes and is due again in a year
    Given I am "victor"
    When I send POST "/api/v1/vehicle-inspections"
      """
      {"appointment_id": "{{booking}}", "mileage": 84000}
      """
    # The desk has not checked the car in yet.
    Then the response is a problem 409 with code "illegal_transition"
    Given I am "dora"
    And I send POST "/api/v1/appointments/{{booking}}/check-in"
    And I am "victor"
    When I send POST "/api/v1/vehicle-inspections"
      """
      {"appointment_id": "{{booking}}", "mileage": 84000}
      """
    Then the response status is 201
    And the response field "status" is "in_progress"
    And the response field "checklist_version" is the number 1
    And the response field "points[0].code" is "0.1"
    And the response field "points[0].chapter" is "Identification"
    And the response field "pending" is the number 25
    And I remember the response field "id" as "inspection"
    When I send GET "/api/v1/appointments/{{booking}}"
    Then the response field "status" is "in_inspection"
    # Completing before every point is checked is refused.
    When I send POST "/api/v1/vehicle-inspections/{{inspection}}/complete"
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "points"
    When the inspection "inspection" finds every point ok
    And I send POST "/api/v1/vehicle-inspections/{{inspection}}/complete"
    Then the response field "status" is "completed"
    And the response field "result" is "favorable"
    And the response field "completed_on" is "2027-03-01"
    And the response field "next_due" is "2028-03-01"
    And the response has no field "reinspection_deadline"
    When I send GET "/api/v1/appointments/{{booking}}"
    Then the response field "status" is "done"
    # Locked once completed.
    When I send PATCH "/api/v1/vehicle-inspections/{{inspection}}/points"
      """
      {"points": [{"code": "1.2", "outcome": "defect", "severity": "major"}]}
      """
    Then the response is a problem 409 with code "illegal_transition"

  Scenario Outline: The worst defect decides the verdict
    Given I am "dora"
    And I send POST "/api/v1/appointments/{{booking}}/check-in"
    And I am "victor"
    When I send POST "/api/v1/vehicle-inspections"
      """
      {"appointment_id": "{{booking}}"}
      """
    And I remember the response field "id" as "inspection"
    And the inspection "inspection" finds every point ok except:
      | code | severity   | measured |
      | 1.2  | <brakes>   | 48       |
      | 4.1  | <lamps>    |          |
    And I send POST "/api/v1/vehicle-inspections/{{inspection}}/complete"
    Then the response field "result" is "<result>"
    And the response field "points[3].code" is "1.2"
    And the response field "points[3].severity" is "<brakes>"
    And the response field "points[3].measured" is the number 48

    Examples:
      | brakes    | lamps | result                 |
      | minor     | minor | favorable_with_remarks |
      | major     | minor | unfavorable            |
      | dangerous | major | prohibited             |

  Scenario: A failed car comes back within 15 days; only the failed points are checked again
    Given I am "dora"
    And I send POST "/api/v1/appointments/{{booking}}/check-in"
    And I am "victor"
    When I send POST "/api/v1/vehicle-inspections"
      """
      {"appointment_id": "{{booking}}", "mileage": 84000}
      """
    And I remember the response field "id" as "first"
    # Only the inspector the booking is assigned to records.
    Given I am "wendy"
    When I send PATCH "/api/v1/vehicle-inspections/{{first}}/points"
      """
      {"points": [{"code": "1.2", "outcome": "ok"}]}
      """
    Then the response is a problem 422 with code "validation_failed"
    Given I am "victor"
    When I send PATCH "/api/v1/vehicle-inspections/{{first}}/points"
      """
      {"points": [{"code": "9.9", "outcome": "ok"}]}
      """
    Then the response is a problem 422 with code "validation_failed"
    When the inspection "first" finds every point ok except:
      | code | severity | measured |
      | 1.2  | major    | 42       |
      | 8.2  | major    | 4.5      |
      | 4.1  | minor    |          |
    And I send POST "/api/v1/vehicle-inspections/{{first}}/complete"
    Then the response field "result" is "unfavorable"
    And the response field "reinspection_deadline" is "2027-03-16"
    And the response has no field "next_due"
    # A week later, the re-inspection: the brakes and the emissions only.
    When 7 days pass
    And "dora" logs in
    And I am "dora"
    And I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{contre-visite}}", "slot_start": "2027-03-08T09:15:00Z", "vehicle_id": "{{golf}}"}
      """
    And I remember the response field "id" as "back"
    And I send POST "/api/v1/appointments/{{back}}/check-in"
    And "victor" logs in
    And I am "victor"
    When I send POST "/api/v1/vehicle-inspections"
      """
      {"appointment_id": "{{back}}", "mileage": 84350}
      """
    Then the response status is 201
    And the response field "reinspection_of" is "{{first}}"
    And the response field "points" has 2 items
    And the response field "points[0].code" is "1.2"
    And the response field "points[1].code" is "8.2"
    And I remember the response field "id" as "second"
    When the inspection "second" finds every point ok
    And I send POST "/api/v1/vehicle-inspections/{{second}}/complete"
    Then the response field "result" is "favorable"
    And the response field "next_due" is "2028-03-08"
    When I send GET "/api/v1/vehicles/{{golf}}/vehicle-inspections"
    Then the response field "data" has 2 items
    And the response field "data[0].result" is "favorable"
    And the response field "data[1].result" is "unfavorable"

  Scenario: The centre sets its own re-inspection deadline; a failed car back after it needs a full inspection
    Given I am "ines"
    When I send PUT "/api/v1/centres/{{ixelles}}/booking-policy"
      """
      {"reinspection_days": 91}
      """
    Then the response is a problem 422 with code "validation_failed"
    When I send PUT "/api/v1/centres/{{ixelles}}/booking-policy"
      """
      {"reinspection_days": 5}
      """
    Then the response field "booking_policy.reinspection_days" is the number 5
    Given I am "dora"
    And I send POST "/api/v1/appointments/{{booking}}/check-in"
    And I am "victor"
    And I send POST "/api/v1/vehicle-inspections"
      """
      {"appointment_id": "{{booking}}"}
      """
    And I remember the response field "id" as "first"
    And the inspection "first" finds every point ok except:
      | code | severity | measured |
      | 1.2  | major    | 42       |
    When I send POST "/api/v1/vehicle-inspections/{{first}}/complete"
    Then the response field "reinspection_deadline" is "2027-03-06"
    # Back a week later: too late to check the failed points only.
    When 7 days pass
    And "dora" logs in
    And I am "dora"
    And I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{contre-visite}}", "slot_start": "2027-03-08T09:15:00Z", "vehicle_id": "{{golf}}"}
      """
    And I remember the response field "id" as "back"
    And I send POST "/api/v1/appointments/{{back}}/check-in"
    And "victor" logs in
    And I am "victor"
    When I send POST "/api/v1/vehicle-inspections"
      """
      {"appointment_id": "{{back}}"}
      """
    Then the response is a problem 422 with code "validation_failed"

  Scenario: The centre writes its own checklist; the next inspection uses the new version
    Given I am "ines"
    When I send GET "/api/v1/centres/{{ixelles}}/checklists?service_id={{periodique}}&category=M1"
    Then the response field "standard" is true
    And the response field "version" is the number 0
    When I send POST "/api/v1/centres/{{ixelles}}/checklists"
      """
      {"service_id": "{{periodique}}", "category": "M1", "points": [
        {"code": "0.1", "chapter": "Identification", "label": "Plaques"},
        {"code": "1.2", "chapter": "Freinage", "label": "Efficacité du frein de service (%)"},
        {"code": "8.2", "chapter": "Nuisances", "label": "Émissions (CO %, opacité)"}]}
      """
    Then the response status is 201
    And the response field "version" is the number 1
    When I send POST "/api/v1/centres/{{ixelles}}/checklists"
      """
      {"service_id": "{{periodique}}", "category": "M1", "points": [{"code": "0.1", "chapter": "Identification", "label": "Plaques"}, {"code": "0.1", "chapter": "Identification", "label": "Encore"}]}
      """
    Then the response is a problem 422 with code "validation_failed"
    Given I am "dora"
    And I send POST "/api/v1/appointments/{{booking}}/check-in"
    And I am "victor"
    When I send POST "/api/v1/vehicle-inspections"
      """
      {"appointment_id": "{{booking}}"}
      """
    Then the response field "checklist_version" is the number 1
    And the response field "points" has 3 items
    And the response field "points[1].label" is "Efficacité du frein de service (%)"
    When I send POST "/api/v1/vehicle-inspections"
      """
      {"appointment_id": "{{booking}}"}
      """
    Then the response is a problem 409 with code "illegal_transition"
