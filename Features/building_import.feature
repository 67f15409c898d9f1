Feature: Bulk import of a building's lots, owners and shares
  A syndic taking over a building uploads one CSV file (comma or semicolon separated, one line
  per owner of a lot). The file is imported whole or not at all, and every bad line is reported
  with its line number.

  Background:
    Given the API is running
    And the syndic "sam" of "Syndic Dupont" manages the building "Résidence Les Tilleuls" of 1000 tantièmes
    And I send POST "/api/v1/owners"
      """
      {"name": "Anne Dupont", "email": "anne@example.com"}
      """
    And I remember the response field "id" as "anne"

  Scenario: A whole building is imported in one go and is ready for billing
    When I send POST "/api/v1/buildings/{{building}}/import" with the header "Content-Type" set to "text/csv"
      """
      lot_number;lot_type;floor;surface;tantiemes;owner_name;owner_email;share;start_date
      A1;apartment;1;82,5;400;Chloé Martin;;0.5;2019-03-01
      A1;apartment;1;82,5;400;"Bruno; le frère";bruno@example.com;0.5;2019-03-01
      B1;apartment;2;;500;"Bruno; le frère";bruno@example.com;1;2021-01-15
      P1;parking;-1;;100;Anne Dupont;ANNE@example.com;1;2020-06-01
      """
    Then the response status is 201
    And the response field "lots_created" is the number 3
    And the response field "owners_created" is the number 2
    And the response field "owners_matched" is the number 1
    And the response field "ownerships_created" is the number 4
    When I send GET "/api/v1/buildings/{{building}}/readiness"
    Then the response field "ready" is true
    When I send GET "/api/v1/buildings/{{building}}/lots"
    Then the response field "data" has 3 items
    And the response field "data[0].number" is "A1"
    And the response field "data[0].surface" is the number 82.5
    And the response field "data[2].number" is "P1"
    And I remember the response field "data[2].id" as "p1"
    When I send GET "/api/v1/lots/{{p1}}/ownerships"
    Then the response field "data" has 1 items
    And the response field "data[0].owner_id" is "{{anne}}"
    And the response field "data[0].start_date" is "2020-06-01"
    When I send GET "/api/v1/owners"
    Then the response field "pagination.total_items" is the number 3

  Scenario: Every bad line is reported with its number, and nothing is imported
    When I send POST "/api/v1/buildings/{{building}}/import" with the header "Content-Type" set to "text/csv"
      """
      lot_number,lot_type,tantiemes,owner_name,owner_email,share,start_date
      A1,apartment,400,Anne,anne@example.com,0.5,2019-03-01
      A2,castle,100,Bruno,,1,2019-03-01
      A3,apartment,100,Chloé,not-an-email,1,2019-03-01
      A4,apartment,100,David,,1.5,2019-03-01
      A5,apartment,100,Eva,,1,01/03/2019
      A1,apartment,300,Fred,,0.5,2019-03-01
      A6,apartment,100,Gina,,1
      """
    Then the response is a problem 422 with code "import_failed"
    And the response field "errors" has 6 items
    And the response field "errors[0].line" is the number 3
    And the response field "errors[0].field" is "lot_type"
    And the response field "errors[1].line" is the number 4
    And the response field "errors[1].field" is "owner_email"
    And the response field "errors[2].line" is the number 5
    And the response field "errors[2].field" is "share"
    And the response field "errors[3].line" is the number 6
    And the response field "errors[3].field" is "start_date"
    And the response field "errors[4].line" is the number 7
    And the response field "errors[4].field" is "lot_number"
    And the response field "errors[5].line" is the number 8
    When I send GET "/api/v1/buildings/{{building}}/lots"
    Then the response field "data" has 0 items

  Scenario: Problems only the building can tell are reported too, and nothing is imported
    When I send POST "/api/v1/buildings/{{building}}/lots"
      """
      {"number": "B1", "type": "apartment", "tantiemes": 100}
      """
    And I send POST "/api/v1/buildings/{{building}}/import" with the header "Content-Type" set to "text/csv"
      """
      lot_number,lot_type,tantiemes,owner_name,share,start_date
      A1,apartment,500,Anne,0.6,2019-03-01
      A1,apartment,500,Bruno,0.6,2019-03-01
      B1,parking,100,Chloé,1,2019-03-01
      C1,apartment,500,David,1,2019-03-01
      """
    Then the response is a problem 422 with code "import_failed"
    And the response field "errors" has 3 items
    And the response field "errors[0].line" is the number 3
    And the response field "errors[0].field" is "share"
    And the response field "errors[1].line" is the number 4
    And the response field "errors[1].field" is "lot_number"
    And the response field "errors[2].line" is the number 5
    And the response field "errors[2].field" is "tantiemes"
    When I send GET "/api/v1/buildings/{{building}}/lots"
    Then the response field "data" has 1 items
    When I send GET "/api/v1/owners"
    Then the response field "pagination.total_items" is the number 1

  Scenario Outline: A file that cannot be read is refused as a whole
    When I send POST "/api/v1/buildings/{{building}}/import" with the header "Content-Type" set to "text/csv"
      """
      <csv>
      """
    Then the response is a problem 422 with code "import_failed"
    And the response field "errors[0].line" is the number <line>

    Examples:
      | csv                                                         | line |
      | lot_number,lot_type,tantiemes                               | 1    |
      | lot_number,lot_type,tantiemes,owner_name,share,start_date   | 1    |
      | lot_number,lot_type,tantiemes,owner_name,share,start_date,x | 1    |

  Scenario: Only the syndic's staff of the building's organization may import
    Given "zoe" has registered the organization "Other syndic"
    And I am "zoe"
    When I send POST "/api/v1/buildings/{{building}}/import" with the header "Content-Type" set to "text/csv"
      """
      lot_number,lot_type,tantiemes,owner_name,share,start_date
      A1,apartment,500,Anne,1,2019-03-01
      """
    Then the response is a problem 404 with code "not_found"
