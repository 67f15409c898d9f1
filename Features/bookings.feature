Feature: Bookings of common spaces
  The syndic makes the building's common spaces bookable (a meeting room, the laundry, a guest
  room) and sets each one's policy: how short and how long a booking is, how far ahead, how
  many a resident holds at once, until when the booker cancels, whether the syndic approves,
  how long after the start the booker has to check in, and the opening hours. Residents,
  owners and occupants alike, book slots [start, end): a booking may start when another ends,
  never overlap one that holds its slot. Times are the building's (Europe/Brussels).

  Background:
    Given the API is running
    And today is "2026-03-02"
    And the syndic "sam" of "Syndic Dupont" manages the building "Résidence Les Tilleuls" of 1000 tantièmes
    And the building has the lots:
      | number | type      | tantiemes |
      | A      | apartment | 500       |
      | B      | apartment | 300       |
      | C      | apartment | 200       |
    And the residents:
      | name | lot | as       |
      | anne | A   | owner    |
      | tom  | B   | occupant |
      | lea  | C   | owner    |
    And I am "sam"
    And I send POST "/api/v1/buildings/{{building}}/resources"
      """
      {"name": "Salle commune", "kind": "meeting_room"}
      """
    And I remember the response field "id" as "room"
    And I send PUT "/api/v1/resources/{{room}}/policy"
      """
      {"opening_hours": [
        {"weekday": 1, "opens": "08:00", "closes": "22:00"}, {"weekday": 2, "opens": "08:00", "closes": "22:00"},
        {"weekday": 3, "opens": "08:00", "closes": "22:00"}, {"weekday": 4, "opens": "08:00", "closes": "22:00"},
        {"weekday": 5, "opens": "08:00", "closes": "22:00"}, {"weekday": 6, "opens": "10:00", "closes": "18:00"}]}
      """

  Scenario: The standard policy, and only the syndic sets it
    When I send GET "/api/v1/resources/{{room}}"
    Then the response field "policy.minimum_minutes" is the number 30
    And the response field "policy.maximum_minutes" is the number 240
    And the response field "policy.advance_days" is the number 30
    And the response field "policy.max_active_per_resident" is the number 2
    And the response field "policy.cancellation_cutoff_hours" is the number 24
    And the response field "policy.check_in_window_minutes" is the number 15
    And the response field "policy.opening_hours" has 6 items
    And the response field "policy.opening_hours[5].opens" is "10:00"
    Given I am "anne"
    When I send PUT "/api/v1/resources/{{room}}/policy"
      """
      {"maximum_minutes": 1440}
      """
    Then the response status is 403
    When I send PUT "/api/v1/resources/{{room}}/policy"
      """
      {"minimum_minutes": 120, "maximum_minutes": 60}
      """
    Then the response status is 403
    Given I am "sam"
    When I send PUT "/api/v1/resources/{{room}}/policy"
      """
      {"minimum_minutes": 120, "maximum_minutes": 60}
      """
    Then the response is a problem 422 with code "validation_failed"
    When I send PUT "/api/v1/resources/{{room}}/policy"
      """
      {"opening_hours": [{"weekday": 8, "opens": "08:00", "closes": "22:00"}]}
      """
    Then the response is a problem 422 with code "validation_failed"

  Scenario: An overlap is refused naming the booking that holds the slot; back to back is allowed
    Given I am "anne"
    When I send POST "/api/v1/resources/{{room}}/bookings"
      """
      {"start": "2026-03-04T17:00:00Z", "end": "2026-03-04T19:00:00Z"}
      """
    Then the response status is 201
    And the response field "data[0].status" is "confirmed"
    And the response field "data[0].mine" is true
    And I remember the response field "data[0].id" as "evening"
    Given I am "tom"
    When I send POST "/api/v1/resources/{{room}}/bookings"
      """
      {"start": "2026-03-04T18:00:00Z", "end": "2026-03-04T19:30:00Z"}
      """
    Then the response is a problem 409 with code "booking_conflict"
    And the response field "conflicts" has 1 items
    And the response field "conflicts[0].booking_id" is "{{evening}}"
    When I send POST "/api/v1/resources/{{room}}/bookings"
      """
      {"start": "2026-03-04T19:00:00Z", "end": "2026-03-04T20:00:00Z"}
      """
    Then the response status is 201
    When I send GET "/api/v1/resources/{{room}}/bookings?from=2026-03-04&to=2026-03-04"
    Then the response field "data" has 2 items
    And the response field "data[0].mine" is false
    And the response has no field "data[0].booker_id"
    When I send GET "/api/v1/resources/{{room}}/availability?from=2026-03-04&to=2026-03-04"
    Then the response field "data" has 2 items
    And the response field "data[0].start" is "2026-03-04T07:00:00Z"
    And the response field "data[0].end" is "2026-03-04T17:00:00Z"
    And the response field "data[1].start" is "2026-03-04T20:00:00Z"
    And the response field "data[1].end" is "2026-03-04T21:00:00Z"

  Scenario Outline: The policy's limits, each refused with its reason
    Given I am "anne"
    When I send POST "/api/v1/resources/{{room}}/bookings"
      """
      {"start": "<start>", "end": "<end>"}
      """
    Then the response is a problem 422 with code "<code>"

    Examples:
      | start                | end                  | code                  |
      | 2026-03-04T17:00:00Z | 2026-03-04T17:15:00Z | booking_too_short     |
      | 2026-03-04T12:00:00Z | 2026-03-04T16:30:00Z | booking_too_long      |
      | 2026-04-15T17:00:00Z | 2026-04-15T18:00:00Z | booking_too_far_ahead |
      | 2026-03-01T17:00:00Z | 2026-03-01T18:00:00Z | booking_in_the_past   |
      | 2026-03-04T05:00:00Z | 2026-03-04T06:00:00Z | outside_opening_hours |
      | 2026-03-07T07:00:00Z | 2026-03-07T08:00:00Z | outside_opening_hours |
      | 2026-03-08T12:00:00Z | 2026-03-08T13:00:00Z | outside_opening_hours |

  Scenario: A resident holds at most the policy's number of active bookings
    Given I am "anne"
    And I send POST "/api/v1/resources/{{room}}/bookings"
      """
      {"start": "2026-03-04T10:00:00Z", "end": "2026-03-04T11:00:00Z"}
      """
    And I send POST "/api/v1/resources/{{room}}/bookings"
      """
      {"start": "2026-03-05T10:00:00Z", "end": "2026-03-05T11:00:00Z"}
      """
    When I send POST "/api/v1/resources/{{room}}/bookings"
      """
      {"start": "2026-03-06T10:00:00Z", "end": "2026-03-06T11:00:00Z"}
      """
    Then the response is a problem 422 with code "too_many_bookings"
    When I send GET "/api/v1/me/bookings"
    Then the response field "pagination.total_items" is the number 2

  Scenario: The booker cancels before the cutoff, not after; the syndic at any time
    Given I am "anne"
    And I send POST "/api/v1/resources/{{room}}/bookings"
      """
      {"start": "2026-03-02T18:00:00Z", "end": "2026-03-02T19:00:00Z"}
      """
    And I remember the response field "data[0].id" as "tonight"
    And I send POST "/api/v1/resources/{{room}}/bookings"
      """
      {"start": "2026-03-05T18:00:00Z", "end": "2026-03-05T19:00:00Z"}
      """
    And I remember the response field "data[0].id" as "thursday"
    When I send POST "/api/v1/bookings/{{tonight}}/cancel"
    Then the response is a problem 422 with code "cancellation_cutoff_passed"
    When I send POST "/api/v1/bookings/{{thursday}}/cancel"
    Then the response status is 200
    And the response field "status" is "cancelled"
    Given I am "tom"
    When I send POST "/api/v1/bookings/{{tonight}}/cancel"
    Then the response is a problem 403 with code "not_yours"
    Given I am "sam"
    When I send POST "/api/v1/bookings/{{tonight}}/cancel"
    Then the response field "status" is "cancelled"
    When I send POST "/api/v1/bookings/{{tonight}}/cancel"
    Then the response is a problem 409 with code "illegal_transition"

  Scenario: A weekly series with one conflict books nothing; without it, every week at the same local time
    Given I send PUT "/api/v1/resources/{{room}}/policy"
      """
      {"max_active_per_resident": 10, "advance_days": 60}
      """
    And I am "tom"
    And I send POST "/api/v1/resources/{{room}}/bookings"
      """
      {"start": "2026-03-18T18:00:00Z", "end": "2026-03-18T19:00:00Z"}
      """
    And I remember the response field "data[0].id" as "toms"
    Given I am "anne"
    When I send POST "/api/v1/resources/{{room}}/bookings"
      """
      {"start": "2026-03-04T18:00:00Z", "end": "2026-03-04T19:00:00Z", "weeks": 4}
      """
    Then the response is a problem 409 with code "booking_conflict"
    And the response field "conflicts[0].booking_id" is "{{toms}}"
    When I send GET "/api/v1/me/bookings"
    Then the response field "pagination.total_items" is the number 0
    When I send POST "/api/v1/resources/{{room}}/bookings"
      """
      {"start": "2026-03-25T18:00:00Z", "end": "2026-03-25T19:00:00Z", "weeks": 2}
      """
    Then the response status is 201
    And the response field "data" has 2 items
    And the response field "data[1].start" is "2026-04-01T17:00:00Z"
    When I send POST "/api/v1/resources/{{room}}/bookings"
      """
      {"start": "2026-03-05T18:00:00Z", "end": "2026-03-05T19:00:00Z", "weeks": 15}
      """
    Then the response is a problem 422 with code "series_too_long"

  Scenario: A booking that needs approval waits for the syndic, and lapses if never approved
    Given I send PUT "/api/v1/resources/{{room}}/policy"
      """
      {"requires_approval": true}
      """
    And I am "lea"
    When I send POST "/api/v1/resources/{{room}}/bookings"
      """
      {"start": "2026-03-06T10:00:00Z", "end": "2026-03-06T12:00:00Z"}
      """
    Then the response field "data[0].status" is "pending"
    And I remember the response field "data[0].id" as "friday"
    When I send POST "/api/v1/bookings/{{friday}}/approve"
    Then the response status is 403
    Given I am "sam"
    When I send POST "/api/v1/bookings/{{friday}}/approve"
    Then the response field "status" is "confirmed"
    And the response field "booker_id" is "{{lea.id}}"
    Given I am "lea"
    When I send GET "/api/v1/notifications"
    Then the response field "data[0].type" is "community.booking_approved"
    When I send POST "/api/v1/resources/{{room}}/bookings"
      """
      {"start": "2026-03-02T10:00:00Z", "end": "2026-03-02T11:00:00Z"}
      """
    Then the response field "data[0].status" is "pending"
    And I remember the response field "data[0].id" as "unanswered"
    Given 70 minutes pass
    And the job "community-bookings" runs
    And "lea" logs in
    And I am "lea"
    When I send GET "/api/v1/bookings/{{unanswered}}"
    Then the response field "status" is "cancelled"
    When I send GET "/api/v1/notifications"
    Then the response field "data[0].type" is "community.booking_not_approved"

  Scenario: Checking in within the window; the job completes the booking when it ends
    Given I am "tom"
    And I send POST "/api/v1/resources/{{room}}/bookings"
      """
      {"start": "2026-03-02T10:00:00Z", "end": "2026-03-02T11:00:00Z"}
      """
    And I remember the response field "data[0].id" as "morning"
    When I send POST "/api/v1/bookings/{{morning}}/check-in"
    Then the response is a problem 422 with code "not_check_in_time"
    Given 65 minutes pass
    And "tom" logs in
    And I am "tom"
    When I send POST "/api/v1/bookings/{{morning}}/check-in"
    Then the response field "status" is "checked_in"
    Given 60 minutes pass
    And the job "community-bookings" runs
    And "tom" logs in
    And I am "tom"
    When I send GET "/api/v1/bookings/{{morning}}"
    Then the response field "status" is "completed"

  Scenario: A booking nobody checks in to is a no-show; three in 60 days block new bookings
    Given I am "anne"
    And I send POST "/api/v1/resources/{{room}}/bookings"
      """
      {"start": "2026-03-02T10:00:00Z", "end": "2026-03-02T10:30:00Z"}
      """
    And I remember the response field "data[0].id" as "first"
    And I send POST "/api/v1/resources/{{room}}/bookings"
      """
      {"start": "2026-03-02T10:30:00Z", "end": "2026-03-02T11:00:00Z"}
      """
    Given 110 minutes pass
    And the job "community-bookings" runs
    And "anne" logs in
    And I am "anne"
    When I send GET "/api/v1/bookings/{{first}}"
    Then the response field "status" is "no_show"
    When I send GET "/api/v1/notifications"
    Then the response field "data[0].type" is "community.booking_no_show"
    Given I send POST "/api/v1/resources/{{room}}/bookings"
      """
      {"start": "2026-03-02T11:00:00Z", "end": "2026-03-02T11:30:00Z"}
      """
    And 30 minutes pass
    And the job "community-bookings" runs
    And "anne" logs in
    And I am "anne"
    When I send POST "/api/v1/resources/{{room}}/bookings"
      """
      {"start": "2026-03-03T11:00:00Z", "end": "2026-03-03T11:30:00Z"}
      """
    Then the response is a problem 403 with code "booking_blocked"
    Given "tom" logs in
    And I am "tom"
    When I send POST "/api/v1/resources/{{room}}/bookings"
      """
      {"start": "2026-03-03T11:00:00Z", "end": "2026-03-03T11:30:00Z"}
      """
    Then the response status is 201

  Scenario: Residents booking the same hour at once: one wins, the others are told who holds it
    Given the residents:
      | name | lot | as       |
      | noe  | B   | occupant |
      | ines | C   | occupant |
      | paul | A   | occupant |
    When "anne, tom, lea, noe, ines, paul" book "{{room}}" from "2026-03-06T18:00:00Z" to "2026-03-06T19:00:00Z" at once
    Then 1 of the answers is 201 and 5 are 409 "booking_conflict"
    When I send GET "/api/v1/resources/{{room}}/bookings?from=2026-03-06&to=2026-03-06"
    Then the response field "data" has 1 items

  Scenario: A stranger to the building books nothing
    Given the syndic "vic" of "Syndic Martin" manages the building "Le Parc" of 1000 tantièmes
    When I send POST "/api/v1/resources/{{room}}/bookings"
      """
      {"start": "2026-03-04T17:00:00Z", "end": "2026-03-04T18:00:00Z"}
      """
    Then the response status is 404

  Scenario: A deposit in credits is held while a booking is active, returned when cancelled, kept on a no-show
    Given I send PUT "/api/v1/resources/{{room}}/policy"
      """
      {"deposit": 5}
      """
    And I am "anne"
    When I send POST "/api/v1/resources/{{room}}/bookings"
      """
      {"start": "2026-03-05T10:00:00Z", "end": "2026-03-05T11:00:00Z"}
      """
    Then the response field "data[0].deposit" is the number 5
    And I remember the response field "data[0].id" as "thursday"
    When I send GET "/api/v1/me/credits?building_id={{building}}"
    Then the response field "balance" is the number -5
    And the response field "data[0].kind" is "booking_deposit_held"
    Given 1 minutes pass
    When I send POST "/api/v1/bookings/{{thursday}}/cancel"
    And I send GET "/api/v1/me/credits?building_id={{building}}"
    Then the response field "balance" is the number 0
    And the response field "data[0].kind" is "booking_deposit_returned"
    When I send POST "/api/v1/resources/{{room}}/bookings"
      """
      {"start": "2026-03-02T10:00:00Z", "end": "2026-03-02T11:00:00Z"}
      """
    Given 20 minutes pass
    And 60 minutes pass
    And the job "community-bookings" runs
    And "anne" logs in
    And I am "anne"
    When I send GET "/api/v1/me/credits?building_id={{building}}"
    Then the response field "balance" is the number -5
    Given "sam" logs in
    And I am "sam"
    When I send PUT "/api/v1/buildings/{{building}}/community-settings"
      """
      {"trust_limit": -8}
      """
    Then the response status is 200
    Given I am "anne"
    When I send POST "/api/v1/resources/{{room}}/bookings"
      """
      {"start": "2026-03-06T10:00:00Z", "end": "2026-03-06T11:00:00Z"}
      """
    Then the response is a problem 422 with code "insufficient_credit"
    Given I am "sam"
    When I send POST "/api/v1/resources/{{room}}/bookings"
      """
      {"start": "2026-03-06T10:00:00Z", "end": "2026-03-06T11:00:00Z"}
      """
    Then the response field "data[0].deposit" is the number 0
