Feature: Appointments at a vehicle inspection centre: free slots, bookings, cancellations
  A centre opens at set hours, closes on the legal public holidays and on its own closing days.
  A slot lasts as long as the service takes for the vehicle's category, and needs, over its whole
  length, a lane that takes that category and an inspector certified for it and at work, both
  free. The centre's admin sets it up; desk staff and inspectors read it. A booking holds the
  lane and the inspector together: of two bookings of the last free pair, one wins. Cancelling
  is free until the centre's window closes (24 hours before, by default), then costs the
  centre's late fee.

  Background:
    Given the API is running
    And today is "2027-03-01"
    And the inspection company "Contrôle Ixelles" of "ines", with its members:
      | name  | role      |
      | victor | inspector |
      | wendy  | inspector |
      | dora   | desk      |
      | carl   | customer  |
      | cleo   | customer  |
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

  Scenario: The desk books a walk-in; the slot is gone, and a race for the last slot has one winner
    Given the inspector "victor" works at the centre "ixelles" on weekdays "08:00-09:00", certified for "M1"
    And I am "dora"
    When I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{periodique}}", "slot_start": "2027-03-02T07:00:00Z",
       "vehicle": {"plate": "1 abc 234", "category": "M1", "make": "Peugeot", "model": "208"},
       "contact": {"name": "Marc Dubois", "phone": "+32 470 12 34 56"}}
      """
    Then the response status is 201
    And the response field "status" is "confirmed"
    And the response field "price" is "45.50"
    And the response field "inspector_id" is "{{victor.id}}"
    And the response field "end" is "2027-03-02T07:30:00Z"
    And I remember the response field "vehicle_id" as "peugeot"
    When I send GET "/api/v1/vehicles/{{peugeot}}"
    Then the response field "plate" is "1-ABC-234"
    And the response field "owner.name" is "Marc Dubois"
    When I send GET "/api/v1/centres/{{ixelles}}/availability?service={{periodique}}&category=M1&date_from=2027-03-02"
    Then the response field "data" has 1 items
    And the response field "data[0].start" is "2027-03-02T07:30:00Z"
    # The same slot again: taken. A time the centre does not offer: refused.
    When I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{periodique}}", "slot_start": "2027-03-02T07:00:00Z", "vehicle_id": "{{peugeot}}"}
      """
    Then the response is a problem 409 with code "slot_taken"
    When I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{periodique}}", "slot_start": "2027-03-02T07:10:00Z", "vehicle_id": "{{peugeot}}"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "slot_start"
    # Five callers at once for the last slot of the morning: one is booked.
    When 5 bookings of the service "periodique" at the centre "ixelles" starting "2027-03-02T07:30:00Z" are sent at once
    Then 1 of them are booked and 4 get 409
    When I send GET "/api/v1/centres/{{ixelles}}/availability?service={{periodique}}&category=M1&date_from=2027-03-02"
    Then the response field "data" has 0 items
    When I send GET "/api/v1/appointments?centre_id={{ixelles}}&date=2027-03-02"
    Then the response field "data" has 2 items
    # With a second lane and inspector, two callers at once for one start both get a pair.
    Given I am "ines"
    And I send POST "/api/v1/centres/{{ixelles}}/lanes"
      """
      {"name": "Piste 2", "categories": ["M1"]}
      """
    And the inspector "wendy" works at the centre "ixelles" on weekdays "08:00-09:00", certified for "M1"
    And I am "dora"
    When 2 bookings of the service "periodique" at the centre "ixelles" starting "2027-03-03T07:00:00Z" are sent at once
    Then 2 of them are booked and 0 get 409

  Scenario: A customer books and cancels free of charge before the window closes, and pays the fee after
    Given the inspector "victor" works at the centre "ixelles" on weekdays "08:00-12:00", certified for "M1"
    And I am "carl"
    When I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{periodique}}", "slot_start": "2027-03-04T08:00:00Z",
       "vehicle": {"plate": "2-CAR-001", "category": "M1"}}
      """
    Then the response status is 201
    And the response field "contact.email" is "carl@example.com"
    And the response field "customer_id" is "{{carl.id}}"
    And I remember the response field "id" as "thursday"
    When I send POST "/api/v1/appointments/{{thursday}}/cancel"
      """
      {"reason": "Voiture vendue"}
      """
    Then the response field "status" is "cancelled"
    And the response field "cancellation.late" is false
    And the response field "cancellation.fee" is "0.00"
    # Tomorrow morning's booking: already inside the 24 hours.
    When I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{periodique}}", "slot_start": "2027-03-02T08:00:00Z",
       "vehicle": {"plate": "2-CAR-001", "category": "M1"}}
      """
    And I remember the response field "id" as "tomorrow"
    When I send POST "/api/v1/appointments/{{tomorrow}}/cancel"
      """
      {"waive_fee": true}
      """
    Then the response is a problem 403 with code "forbidden"
    When I send POST "/api/v1/appointments/{{tomorrow}}/cancel"
    Then the response field "cancellation.late" is true
    And the response field "cancellation.fee" is "45.50"
    # The centre keeps half from now on; the desk may waive it.
    Given I am "ines"
    When I send PUT "/api/v1/centres/{{ixelles}}/booking-policy"
      """
      {"late_cancellation_fee_percent": 50}
      """
    Then the response field "booking_policy.late_cancellation_fee_percent" is the number 50
    And the response field "booking_policy.free_cancellation_hours" is the number 24
    Given I am "carl"
    When I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{periodique}}", "slot_start": "2027-03-02T08:30:00Z",
       "vehicle": {"plate": "2-CAR-001", "category": "M1"}}
      """
    And I remember the response field "id" as "half"
    When I send POST "/api/v1/appointments/{{half}}/cancel"
    Then the response field "cancellation.fee" is "22.75"
    When I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{periodique}}", "slot_start": "2027-03-02T07:00:00Z",
       "vehicle": {"plate": "2-CAR-001", "category": "M1"}}
      """
    And I remember the response field "id" as "waived"
    Given I am "dora"
    When I send POST "/api/v1/appointments/{{waived}}/cancel"
      """
      {"reason": "Panne de la piste", "waive_fee": true}
      """
    Then the response field "cancellation.late" is true
    And the response field "cancellation.fee" is "0.00"
    # Cancelled is final.
    When I send POST "/api/v1/appointments/{{waived}}/cancel"
    Then the response is a problem 409 with code "illegal_transition"

  Scenario: Customers see their own bookings and vehicles only; the desk runs the day
    Given the inspector "victor" works at the centre "ixelles" on weekdays "08:00-12:00", certified for "M1"
    And the inspector "wendy" works at the centre "ixelles" on weekdays "08:00-12:00", certified for "N1"
    And I am "carl"
    When I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{periodique}}", "slot_start": "2027-03-02T08:00:00Z",
       "vehicle": {"plate": "2-CAR-001", "category": "M1"}}
      """
    And I remember the response field "id" as "carls"
    Given I am "cleo"
    When I send GET "/api/v1/appointments"
    Then the response field "data" has 0 items
    When I send GET "/api/v1/appointments/{{carls}}"
    Then the response is a problem 404 with code "not_found"
    When I send GET "/api/v1/vehicles"
    Then the response field "data" has 0 items
    When I send POST "/api/v1/appointments/{{carls}}/cancel"
    Then the response is a problem 404 with code "not_found"
    When I send POST "/api/v1/appointments/{{carls}}/check-in"
    Then the response is a problem 403 with code "forbidden"
    Given I am "carl"
    When I send GET "/api/v1/vehicles"
    Then the response field "data" has 1 items
    And the response field "data[0].plate" is "2-CAR-001"
    # The inspector's day, and the desk's: reassigning to someone not certified is refused.
    Given I am "victor"
    When I send GET "/api/v1/appointments?inspector_id={{victor.id}}&date=2027-03-02"
    Then the response field "data" has 1 items
    Given I am "dora"
    When I send PUT "/api/v1/appointments/{{carls}}/inspector"
      """
      {"inspector_id": "{{wendy.id}}"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "inspector_id"
    When I send POST "/api/v1/appointments/{{carls}}/no-show"
    Then the response is a problem 422 with code "validation_failed"
    When I send POST "/api/v1/appointments/{{carls}}/check-in"
    Then the response field "status" is "checked_in"
    When I send POST "/api/v1/appointments/{{carls}}/reschedule"
      """
      {"slot_start": "2027-03-02T09:00:00Z"}
      """
    Then the response is a problem 409 with code "illegal_transition"

  Scenario: A booking held for its prepayment is released when the hold expires
    Given the inspector "victor" works at the centre "ixelles" on weekdays "08:00-09:00", certified for "M1"
    When I send PUT "/api/v1/centres/{{ixelles}}/booking-policy"
      """
      {"prepayment_required": true, "hold_minutes": 15}
      """
    Then the response field "booking_policy.prepayment_required" is true
    Given I am "carl"
    When I send POST "/api/v1/appointments"
      """
      {"centre_id": "{{ixelles}}", "service_id": "{{periodique}}", "slot_start": "2027-03-02T07:00:00Z",
       "vehicle": {"plate": "2-CAR-001", "category": "M1"}}
      """
    Then the response field "status" is "held"
    And the response field "hold_expires_at" is "2027-03-01T09:15:00Z"
    And I remember the response field "id" as "held"
    When I send GET "/api/v1/centres/{{ixelles}}/availability?service={{periodique}}&category=M1&date_from=2027-03-02"
    Then the response field "data" has 1 items
    When 14 minutes pass
    And the job "inspection-holds" runs
    And I send GET "/api/v1/appointments/{{held}}"
    Then the response field "status" is "held"
    When 1 minutes pass
    And the job "inspection-holds" runs
    # The access token lasted 15 minutes too.
    And "carl" logs in
    And I send GET "/api/v1/appointments/{{held}}"
    Then the response field "status" is "cancelled"
    And the response field "cancellation.reason" is "hold expired"
    And the response field "cancellation.fee" is "0.00"
    When I send GET "/api/v1/centres/{{ixelles}}/availability?service={{periodique}}&category=M1&date_from=2027-03-02"
    Then the response field "data" has 2 items
