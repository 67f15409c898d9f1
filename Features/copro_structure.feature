Feature: Co-ownership structure
  A syndic describes a co-ownership (ACP): the building and its total of tantièmes, its lots
  and their tantièmes, the owners and the exact share each holds of each lot over time. A
  building can be billed only when its lots hold all its tantièmes and every lot is fully owned.

  Background:
    Given the API is running
    And "sam" has registered the organization "Syndic Dupont"
    And I am "sam"
    When I send POST "/api/v1/buildings"
      """
      {"name": "Résidence Les Tilleuls", "address": "Rue des Tilleuls 12", "city": "Liège", "postal_code": "4000", "total_tantiemes": 1000}
      """
    Then the response status is 201
    And I remember the response field "id" as "building"

  Scenario: A building is created in the syndic's organization
    When I send GET "/api/v1/buildings/{{building}}"
    Then the response status is 200
    And the response field "name" is "Résidence Les Tilleuls"
    And the response field "country" is "BE"
    And the response field "total_tantiemes" is the number 1000
    When I send GET "/api/v1/buildings"
    Then the response field "data" has 1 items
    And the response field "pagination.total_items" is the number 1

  Scenario: Lots never hold more tantièmes than the building's total
    When I send POST "/api/v1/buildings/{{building}}/lots"
      """
      {"number": "A1", "type": "apartment", "floor": 1, "surface": 85.5, "tantiemes": 600}
      """
    Then the response status is 201
    And the response field "surface" is the number 85.5
    When I send POST "/api/v1/buildings/{{building}}/lots"
      """
      {"number": "A2", "type": "apartment", "floor": 2, "tantiemes": 401}
      """
    Then the response is a problem 409 with code "tantiemes_exceeded"
    When I send POST "/api/v1/buildings/{{building}}/lots"
      """
      {"number": "A2", "type": "apartment", "floor": 2, "tantiemes": 400}
      """
    Then the response status is 201
    And I remember the response field "id" as "a2"
    When I send PATCH "/api/v1/lots/{{a2}}"
      """
      {"tantiemes": 401}
      """
    Then the response is a problem 409 with code "tantiemes_exceeded"
    When I send PATCH "/api/v1/buildings/{{building}}"
      """
      {"total_tantiemes": 999}
      """
    Then the response is a problem 409 with code "tantiemes_exceeded"

  Scenario: A lot number is unique in its building
    When I send POST "/api/v1/buildings/{{building}}/lots"
      """
      {"number": "P1", "type": "parking", "tantiemes": 10}
      """
    Then the response status is 201
    When I send POST "/api/v1/buildings/{{building}}/lots"
      """
      {"number": "P1", "type": "cellar", "tantiemes": 10}
      """
    Then the response is a problem 409 with code "lot_number_taken"

  Scenario: Shares are exact and a lot's current shares never pass 100 %
    When I send POST "/api/v1/buildings/{{building}}/lots"
      """
      {"number": "A1", "type": "apartment", "tantiemes": 1000}
      """
    And I remember the response field "id" as "lot"
    And I send POST "/api/v1/owners"
      """
      {"name": "Marie Lambert", "email": "marie@example.com"}
      """
    And I remember the response field "id" as "marie"
    And I send POST "/api/v1/owners"
      """
      {"name": "Lambert SRL", "kind": "legal"}
      """
    And I remember the response field "id" as "srl"
    When I send POST "/api/v1/lots/{{lot}}/ownerships"
      """
      {"owner_id": "{{marie}}", "share": "0.6", "start_date": "2020-01-01"}
      """
    Then the response status is 201
    And the response field "share" is "0.6"
    When I send POST "/api/v1/lots/{{lot}}/ownerships"
      """
      {"owner_id": "{{srl}}", "share": "0.400001", "start_date": "2020-01-01"}
      """
    Then the response is a problem 409 with code "shares_exceeded"
    When I send POST "/api/v1/lots/{{lot}}/ownerships"
      """
      {"owner_id": "{{srl}}", "share": "0.4", "start_date": "2020-01-01"}
      """
    Then the response status is 201
    When I send GET "/api/v1/lots/{{lot}}/ownerships"
    Then the response field "data" has 2 items

  Scenario: Readiness names what is missing, then the building is ready
    When I send POST "/api/v1/buildings/{{building}}/lots"
      """
      {"number": "A1", "type": "apartment", "tantiemes": 700}
      """
    And I remember the response field "id" as "lot"
    And I send POST "/api/v1/owners"
      """
      {"name": "Marie Lambert"}
      """
    And I remember the response field "id" as "marie"
    And I send POST "/api/v1/lots/{{lot}}/ownerships"
      """
      {"owner_id": "{{marie}}", "share": "0.5", "start_date": "2020-01-01"}
      """
    When I send GET "/api/v1/buildings/{{building}}/readiness"
    Then the response status is 200
    And the response field "ready" is false
    And the response field "lot_tantiemes" is the number 700
    And the response field "incomplete_lots[0].number" is "A1"
    And the response field "incomplete_lots[0].share" is "0.5"
    And the response field "missing" lists "lots hold 700 of 1000 tantièmes, lot A1 is owned at 50% instead of 100%"
    When I send PATCH "/api/v1/buildings/{{building}}"
      """
      {"total_tantiemes": 700}
      """
    And I send POST "/api/v1/lots/{{lot}}/ownerships"
      """
      {"owner_id": "{{marie}}", "share": "0.5", "start_date": "2021-06-01"}
      """
    And I send GET "/api/v1/buildings/{{building}}/readiness"
    Then the response field "ready" is true
    And the response field "missing" has 0 items

  Scenario: A lot is sold mid-year and its history is kept
    When I send POST "/api/v1/buildings/{{building}}/lots"
      """
      {"number": "A1", "type": "apartment", "tantiemes": 1000}
      """
    And I remember the response field "id" as "lot"
    And I send POST "/api/v1/owners"
      """
      {"name": "Seller"}
      """
    And I remember the response field "id" as "seller"
    And I send POST "/api/v1/owners"
      """
      {"name": "Buyer"}
      """
    And I remember the response field "id" as "buyer"
    And I send POST "/api/v1/lots/{{lot}}/ownerships"
      """
      {"owner_id": "{{seller}}", "share": "1", "start_date": "2019-03-01"}
      """
    When I send POST "/api/v1/lots/{{lot}}/transfers"
      """
      {"from_owner_id": "{{seller}}", "to_owner_id": "{{buyer}}", "date": "2026-07-01"}
      """
    Then the response status is 201
    And the response field "data" has 2 items
    And the response field "data[0].owner_id" is "{{seller}}"
    And the response field "data[0].end_date" is "2026-07-01"
    And the response field "data[0].active" is false
    And the response field "data[1].owner_id" is "{{buyer}}"
    And the response field "data[1].start_date" is "2026-07-01"
    And the response field "data[1].share" is "1"
    When I send POST "/api/v1/lots/{{lot}}/transfers"
      """
      {"from_owner_id": "{{seller}}", "to_owner_id": "{{buyer}}", "date": "2026-08-01"}
      """
    Then the response is a problem 409 with code "owner_has_no_share"
    When I send GET "/api/v1/buildings/{{building}}/readiness"
    Then the response field "ready" is true

  Scenario: Past owners are recorded as history, but never over a period the lot was already owned
    When I send POST "/api/v1/buildings/{{building}}/lots"
      """
      {"number": "A1", "type": "apartment", "tantiemes": 1000}
      """
    And I remember the response field "id" as "lot"
    And I send POST "/api/v1/owners"
      """
      {"name": "Seller"}
      """
    And I remember the response field "id" as "seller"
    And I send POST "/api/v1/owners"
      """
      {"name": "Buyer"}
      """
    And I remember the response field "id" as "buyer"
    And I send POST "/api/v1/owners"
      """
      {"name": "First owner"}
      """
    And I remember the response field "id" as "first"
    And I send POST "/api/v1/lots/{{lot}}/ownerships"
      """
      {"owner_id": "{{seller}}", "share": "1", "start_date": "2019-03-01"}
      """
    And I send POST "/api/v1/lots/{{lot}}/transfers"
      """
      {"from_owner_id": "{{seller}}", "to_owner_id": "{{buyer}}", "date": "2026-07-01"}
      """
    When I send POST "/api/v1/lots/{{lot}}/ownerships"
      """
      {"owner_id": "{{first}}", "share": "1", "start_date": "2010-01-01", "end_date": "2019-03-01"}
      """
    Then the response status is 201
    And the response field "active" is false
    When I send POST "/api/v1/lots/{{lot}}/ownerships"
      """
      {"owner_id": "{{first}}", "share": "0.5", "start_date": "2018-01-01", "end_date": "2020-01-01"}
      """
    Then the response is a problem 409 with code "shares_exceeded"
    When I send POST "/api/v1/lots/{{lot}}/ownerships"
      """
      {"owner_id": "{{first}}", "share": "0.1", "start_date": "2026-06-01", "end_date": "2026-07-01"}
      """
    Then the response is a problem 409 with code "shares_exceeded"
    When I send POST "/api/v1/lots/{{lot}}/ownerships"
      """
      {"owner_id": "{{first}}", "share": "1", "start_date": "2009-01-01", "end_date": "2009-01-01"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "end_date"
    When I send GET "/api/v1/lots/{{lot}}/ownerships"
    Then the response field "data" has 3 items

  Scenario Outline: Invalid structure input is refused with the field named
    When I send POST "/api/v1/buildings/{{building}}/lots"
      """
      {"number": "A1", "type": "apartment", "tantiemes": 1000}
      """
    And I remember the response field "id" as "lot"
    And I send POST "/api/v1/owners"
      """
      {"name": "Marie"}
      """
    And I remember the response field "id" as "marie"
    When I send POST "/api/v1/lots/{{lot}}/ownerships"
      """
      {"owner_id": "{{marie}}", "share": "<share>", "start_date": "<date>"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "<field>"

    Examples:
      | share     | date       | field      |
      | 0.1234567 | 2020-01-01 | share      |
      | 0         | 2020-01-01 | share      |
      | 1.5       | 2020-01-01 | share      |
      | 60%       | 2020-01-01 | share      |
      | 0.5       | 2020-02-30 | start_date |
      | 0.5       | 01/02/2020 | start_date |

  Scenario Outline: Invalid buildings and lots are refused
    When I send POST "<path>"
      """
      <body>
      """
    Then the response is a problem 422 with code "<code>"
    And the problem names the field "<field>"

    Examples:
      | path                                | body                                                                                          | code              | field           |
      | /api/v1/buildings                   | {"name": "X", "address": "A", "city": "C", "postal_code": "1", "total_tantiemes": 0}          | validation_failed | total_tantiemes |
      | /api/v1/buildings                   | {"name": "X", "address": "A", "city": "C", "postal_code": "1", "country": "BEL", "total_tantiemes": 1000} | validation_failed | country |
      | /api/v1/buildings                   | {"name": "X", "address": "A", "city": "C", "total_tantiemes": 1000}                           | missing_field     | postal_code     |
      | /api/v1/buildings/{{building}}/lots | {"number": "A1", "type": "castle", "tantiemes": 10}                                            | validation_failed | type            |
      | /api/v1/buildings/{{building}}/lots | {"number": "A1", "type": "apartment", "tantiemes": 0}                                          | validation_failed | tantiemes       |
      | /api/v1/owners                      | {"name": "X", "email": "not-an-email"}                                                         | validation_failed | email           |
      | /api/v1/owners                      | {"email": "x@example.com"}                                                                     | missing_field     | name            |

  Scenario Outline: Numbers too large for any building are refused where they are read, never a crash
    When I send <method> "<path>"
      """
      <body>
      """
    Then the response is a problem <status> with code "<code>"
    And the problem names the field "<field>"
    When I send GET "/api/v1/buildings/{{building}}"
    Then the response status is 200

    Examples:
      | method | path                                | body                                                                                                        | status | code              | field           |
      | POST   | /api/v1/buildings                   | {"name": "X", "address": "A", "city": "C", "postal_code": "1", "total_tantiemes": 9223372036854775807}      | 400    | invalid_type      | total_tantiemes |
      | POST   | /api/v1/buildings                   | {"name": "X", "address": "A", "city": "C", "postal_code": "1", "total_tantiemes": 1e300}                    | 400    | invalid_type      | total_tantiemes |
      | POST   | /api/v1/buildings                   | {"name": "X", "address": "A", "city": "C", "postal_code": "1", "total_tantiemes": 1000001}                  | 422    | validation_failed | total_tantiemes |
      | PATCH  | /api/v1/buildings/{{building}}      | {"total_tantiemes": -99999999999}                                                                           | 400    | invalid_type      | total_tantiemes |
      | POST   | /api/v1/buildings/{{building}}/lots | {"number": "A1", "type": "apartment", "tantiemes": 999999999}                                               | 422    | validation_failed | tantiemes       |
      | POST   | /api/v1/buildings/{{building}}/lots | {"number": "A1", "type": "apartment", "tantiemes": 10, "surface": 1e300}                                    | 400    | invalid_type      | surface         |
      | POST   | /api/v1/buildings/{{building}}/lots | {"number": "A1", "type": "apartment", "tantiemes": 10, "floor": 1.5}                                        | 400    | invalid_type      | floor           |

  Scenario: Another organization's building does not exist for you, and members without the syndic role cannot manage
    Given "zoe" has registered the organization "Other syndic"
    And "sam" invites "olga" as "owner"
    And "olga" registers with the invitation
    And I am "zoe"
    When I send GET "/api/v1/buildings/{{building}}"
    Then the response is a problem 404 with code "not_found"
    When I send POST "/api/v1/buildings/{{building}}/lots"
      """
      {"number": "Z1", "type": "apartment", "tantiemes": 10}
      """
    Then the response is a problem 404 with code "not_found"
    Given I am "olga"
    When I send POST "/api/v1/buildings"
      """
      {"name": "Mine", "address": "A", "city": "C", "postal_code": "1", "total_tantiemes": 1000}
      """
    Then the response is a problem 403 with code "forbidden"
