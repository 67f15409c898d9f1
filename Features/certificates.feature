Feature: Certificates of vehicle inspections, and their public verification
  Each completed inspection has its certificate: a PDF giving the centre, the vehicle, the
  verdict, the defects by chapter, the next due date (or the re-inspection's deadline), the
  inspector, and a QR code of its verification link. It is kept as a document of the vehicle
  and emailed to the customer. Anyone holding the certificate checks it without an account:
  that it is genuine, its verdict and whether it is still valid, and no one's personal data.
  A record found wrong afterwards is corrected by a new inspection that names the old one; its
  certificate replaces the old one, which no longer verifies as valid.

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
       "vehicle": {"plate": "1-ABC-234", "category": "M1", "make": "Volkswagen", "model": "Golf", "fuel": "diesel", "first_registration": "2020-05-10", "vin": "WVWZZZ1KZAW000123"},
       "contact": {"name": "Marc Dubois", "email": "marc@example.com"}}
      """
    And I remember the response field "id" as "booking"
    And I remember the response field "vehicle_id" as "golf"

  Scenario: The certificate reads back, and its QR code leads to a verification without personal data
    Given I am "dora"
    And I send POST "/api/v1/appointments/{{booking}}/check-in"
    And I am "victor"
    When I send POST "/api/v1/vehicle-inspections"
      """
      {"appointment_id": "{{booking}}", "mileage": 84000}
      """
    And I remember the response field "id" as "inspection"
    And the response has no field "certificate_code"
    When I send GET "/api/v1/vehicle-inspections/{{inspection}}/certificate"
    Then the response is a problem 409 with code "illegal_transition"
    When the inspection "inspection" finds every point ok except:
      | code | severity | measured |
      | 4.1  | minor    |          |
      | 1.2  | minor    | 52       |
    And I send POST "/api/v1/vehicle-inspections/{{inspection}}/complete"
    Then the response field "result" is "favorable_with_remarks"
    And I remember the response field "certificate_code" as "code"
    # Kept with the vehicle, and emailed to the customer with the PDF attached.
    And the outbox holds 1 email to "marc", one about "FAVORABLE AVEC REMARQUES"
    And the email to "marc" has the attachment "certificat-1-ABC-234-2027-03-01.pdf" reading "Certificat de contrôle technique"
    And the email to "marc" has the attachment "certificat-1-ABC-234-2027-03-01.pdf" reading "{{code}}"
    When I send GET "/api/v1/vehicles/{{golf}}/documents"
    Then the response field "data" has 1 items
    And the response field "data[0].type" is "certificate"
    And the response field "data[0].title" is "Certificat de contrôle technique"
    When I send GET "/api/v1/vehicle-inspections/{{inspection}}/certificate"
    Then the response status is 200
    And the response header "Content-Type" is "application/pdf"
    And the downloaded PDF reads "Certificat de contrôle technique"
    And the downloaded PDF reads "Contrôle Ixelles, Chaussée de Boondael 1, 1050 Ixelles"
    And the downloaded PDF reads "1-ABC-234"
    And the downloaded PDF reads "WVWZZZ1KZAW000123"
    And the downloaded PDF reads "FAVORABLE AVEC REMARQUES"
    And the downloaded PDF reads "Projecteurs (état, réglage, commutation)"
    And the downloaded PDF reads "Freinage"
    And the downloaded PDF reads "Prochain contrôle périodique avant le 2028-03-01"
    And the downloaded PDF reads "Contrôlé le 2027-03-01 par Victor"
    And the downloaded PDF's QR code reads "http://127.0.0.1:8080/api/v1/public/certificates/{{code}}"
    # Anyone holding it checks it, without an account.
    Given I am anonymous
    When I send GET "/api/v1/public/certificates/{{code}}"
    Then the response status is 200
    And the response field "result" is "favorable_with_remarks"
    And the response field "valid" is true
    And the response field "next_due" is "2028-03-01"
    And the response field "centre_name" is "Contrôle Ixelles"
    And the response field "vehicle.plate_ending" is "234"
    And the response field "vehicle.make" is "Volkswagen"
    And the response body does not mention "Marc"
    And the response body does not mention "marc@example.com"
    And the response body does not mention "1-ABC-234"
    And the response body does not mention "WVWZZZ1KZAW000123"
    When I send GET "/api/v1/public/certificates/7QK2M9XW4RBT3HJN6PZC8DFA5G"
    Then the response is a problem 404 with code "not_found"
    When I send GET "/api/v1/public/certificates/not-a-code"
    Then the response is a problem 404 with code "not_found"
    # Valid through its due date (2028 is a leap year), run out the day after.
    When 366 days pass
    And I send GET "/api/v1/public/certificates/{{code}}"
    Then the response field "valid" is true
    When 1 days pass
    And I send GET "/api/v1/public/certificates/{{code}}"
    Then the response field "valid" is false

  Scenario: A prohibited vehicle's certificate says so and verifies as not valid; customers read only their own
    Given I am "dora"
    And I send POST "/api/v1/appointments/{{booking}}/check-in"
    And I am "victor"
    When I send POST "/api/v1/vehicle-inspections"
      """
      {"appointment_id": "{{booking}}"}
      """
    And I remember the response field "id" as "inspection"
    And the inspection "inspection" finds every point ok except:
      | code | severity  | measured |
      | 1.2  | dangerous | 21       |
    And I send POST "/api/v1/vehicle-inspections/{{inspection}}/complete"
    And I remember the response field "certificate_code" as "code"
    When I send GET "/api/v1/vehicle-inspections/{{inspection}}/certificate"
    Then the downloaded PDF reads "INTERDIT À LA CIRCULATION"
    And the downloaded PDF reads "Contre-visite des points défaillants avant le 2027-03-16"
    And the downloaded PDF reads "dangereux"
    Given I am anonymous
    When I send GET "/api/v1/public/certificates/{{code}}"
    Then the response field "result" is "prohibited"
    And the response field "valid" is false
    And the response has no field "next_due"

  Scenario: A wrong record is corrected; the corrected certificate replaces the old one
    Given I am "dora"
    And I send POST "/api/v1/appointments/{{booking}}/check-in"
    And I am "victor"
    And I send POST "/api/v1/vehicle-inspections"
      """
      {"appointment_id": "{{booking}}", "mileage": 84000}
      """
    And I remember the response field "id" as "inspection"
    When I send POST "/api/v1/vehicle-inspections/{{inspection}}/corrections"
      """
      {"reason": "Not finished yet"}
      """
    Then the response is a problem 409 with code "illegal_transition"
    When the inspection "inspection" finds every point ok except:
      | code | severity | measured |
      | 1.2  | major    | 38       |
    And I send POST "/api/v1/vehicle-inspections/{{inspection}}/complete"
    Then the response field "result" is "unfavorable"
    And I remember the response field "certificate_code" as "old"
    # Two days later the brake reading turns out to be another car's: Wendy corrects it.
    When 2 days pass
    And "wendy" logs in
    And I am "wendy"
    And I send POST "/api/v1/vehicle-inspections/{{inspection}}/corrections"
      """
      {"reason": "x"}
      """
    Then the response is a problem 422 with code "validation_failed"
    When I send POST "/api/v1/vehicle-inspections/{{inspection}}/corrections"
      """
      {"reason": "The brake reading was another vehicle's"}
      """
    Then the response status is 201
    And the response field "corrects" is "{{inspection}}"
    And the response field "status" is "in_progress"
    And the response field "pending" is the number 0
    And the response field "mileage" is the number 84000
    And I remember the response field "id" as "correction"
    When I send POST "/api/v1/vehicle-inspections/{{inspection}}/corrections"
      """
      {"reason": "Once more"}
      """
    Then the response is a problem 409 with code "illegal_transition"
    When I send PATCH "/api/v1/vehicle-inspections/{{correction}}/points"
      """
      {"points": [{"code": "1.2", "outcome": "defect", "severity": "minor", "measured": 61}]}
      """
    And I send POST "/api/v1/vehicle-inspections/{{correction}}/complete"
    Then the response field "result" is "favorable_with_remarks"
    And the response field "completed_on" is "2027-03-01"
    And the response field "next_due" is "2028-03-01"
    And I remember the response field "certificate_code" as "new"
    When I send GET "/api/v1/vehicle-inspections/{{correction}}/certificate"
    Then the downloaded PDF reads "remplace le certificat {{old}}"
    And the outbox holds 2 emails to "marc", one about "FAVORABLE AVEC REMARQUES"
    When I send GET "/api/v1/vehicles/{{golf}}/vehicle-inspections"
    Then the response field "data" has 2 items
    And the response field "data[0].corrects" is "{{inspection}}"
    Given I am anonymous
    When I send GET "/api/v1/public/certificates/{{old}}"
    Then the response field "valid" is false
    And the response field "superseded" is true
    When I send GET "/api/v1/public/certificates/{{new}}"
    Then the response field "valid" is true
    And the response field "superseded" is false
