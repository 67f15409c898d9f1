Feature: Identity and access
  People register and found an organization, log in, keep their session alive with
  rotating refresh tokens, and organization admins invite members and set their roles.
  People are named by alias: "alice" is alice@example.com, with the password "correct-horse-battery".

  Background:
    Given the API is running

  Scenario: Registering founds an organization whose admin you are
    When I send POST "/api/v1/auth/register"
      """
      {"email": "  Alice@Example.COM ", "password": "correct-horse-battery", "name": "Alice", "organization_name": "Résidence Les Tilleuls"}
      """
    Then the response status is 201
    And the response field "token_type" is "Bearer"
    And the response field "expires_in" is the number 900
    And the response field "user.email" is "alice@example.com"
    And the response field "user.roles" lists "admin"
    And the response field "user.is_active" is true
    And the response has no field "user.password_hash"

  Scenario: Logging in returns a session and the access token reads the caller
    Given "alice" has registered the organization "Tilleuls"
    When "alice" logs in
    Then the response status is 200
    And the response field "user.email" is "alice@example.com"
    Given I am "alice"
    When I send GET "/api/v1/auth/me"
    Then the response status is 200
    And the response field "email" is "alice@example.com"
    And the response field "organization_id" is "{{alice.org}}"

  Scenario: A wrong password and an unknown email get the same answer
    Given "alice" has registered the organization "Tilleuls"
    When I send POST "/api/v1/auth/login"
      """
      {"email": "alice@example.com", "password": "not-the-password"}
      """
    Then the response is a problem 401 with code "invalid_credentials"
    And the response field "detail" is "wrong email or password"
    When I send POST "/api/v1/auth/login"
      """
      {"email": "nobody@example.com", "password": "not-the-password"}
      """
    Then the response is a problem 401 with code "invalid_credentials"
    And the response field "detail" is "wrong email or password"

  Scenario: A deactivated user cannot log in, and their session stops reading their account
    Given "alice" has registered the organization "Tilleuls"
    And "alice" is deactivated by the operator
    When "alice" tries to log in
    Then the response is a problem 403 with code "account_disabled"
    When "alice" tries to refresh the session
    Then the response is a problem 403 with code "account_disabled"
    Given I am "alice"
    When I send GET "/api/v1/auth/me"
    Then the response is a problem 403 with code "account_disabled"

  Scenario: Refreshing rotates the refresh token
    Given "alice" has registered the organization "Tilleuls"
    When "alice" refreshes the session
    Then the response status is 200
    And the response field "token_type" is "Bearer"
    When I send POST "/api/v1/auth/refresh"
      """
      {"refresh_token": "{{alice.refresh_token}}"}
      """
    Then the response status is 200

  Scenario: Presenting a rotated refresh token revokes the whole family
    Given "alice" has registered the organization "Tilleuls"
    And "alice" refreshes the session
    When I send POST "/api/v1/auth/refresh"
      """
      {"refresh_token": "{{alice.previous_refresh_token}}"}
      """
    Then the response is a problem 401 with code "refresh_token_reused"
    When I send POST "/api/v1/auth/refresh"
      """
      {"refresh_token": "{{alice.refresh_token}}"}
      """
    Then the response is a problem 401 with code "invalid_refresh_token"

  Scenario: Logging out ends the session
    Given "alice" has registered the organization "Tilleuls"
    When I send POST "/api/v1/auth/logout"
      """
      {"refresh_token": "{{alice.refresh_token}}"}
      """
    Then the response status is 204
    When "alice" tries to refresh the session
    Then the response is a problem 401 with code "invalid_refresh_token"

  Scenario: An access token stops working after 15 minutes
    Given "alice" has registered the organization "Tilleuls"
    And I am "alice"
    And 16 minutes pass
    When I send GET "/api/v1/auth/me"
    Then the response is a problem 401 with code "invalid_token"
    And the response header "WWW-Authenticate" is "Bearer"

  Scenario: Protected routes need a token
    When I send GET "/api/v1/auth/me"
    Then the response is a problem 401 with code "missing_token"
    When I send GET "/api/v1/auth/me" with the header "Authorization" set to "Bearer not.a.jwt"
    Then the response is a problem 401 with code "invalid_token"

  Scenario: An admin invites a member with a role, who registers with the invitation
    Given "alice" has registered the organization "Tilleuls"
    And "alice" invites "bob" as "accountant"
    When "bob" registers with the invitation
    Then the response status is 201
    And the response field "user.roles" lists "accountant"
    And the response field "user.organization_id" is "{{alice.org}}"
    When "bob" tries to register with the invitation
    Then the response is a problem 409 with code "invitation_not_pending"

  Scenario: An invitation is for the invited email only
    Given "alice" has registered the organization "Tilleuls"
    And "alice" invites "bob" as "owner"
    When I send POST "/api/v1/auth/register"
      """
      {"email": "mallory@example.com", "password": "correct-horse-battery", "name": "Mallory", "invitation_token": "{{bob.invitation}}"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "email"

  Scenario: Someone who has an account accepts an invitation to a second organization
    Given "alice" has registered the organization "Tilleuls"
    And "bob" has registered the organization "Bureau Bob"
    And "mallory" has registered the organization "Mallory SA"
    And "alice" invites "bob" as "accountant"
    Given I am "mallory"
    When I send POST "/api/v1/auth/invitations/accept"
      """
      {"invitation_token": "{{bob.invitation}}"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "invitation_token"
    Given I am "bob"
    When I send POST "/api/v1/auth/invitations/accept"
      """
      {"invitation_token": "{{bob.invitation}}"}
      """
    Then the response field "roles" lists "accountant"
    And the response field "organization_id" is "{{alice.org}}"
    # His session in his own organization goes on as it was.
    When I send GET "/api/v1/auth/me"
    Then the response field "roles" lists "admin"
    And the response field "organization_id" is "{{bob.org}}"
    Given "bob" logs in to the organization of "alice"
    And I am "bob"
    When I send GET "/api/v1/auth/me"
    Then the response field "roles" lists "accountant"
    Given I am "alice"
    When I send GET "/api/v1/users"
    Then the response field "data" has an item whose "email" is "bob@example.com"

  Scenario: Nobody chooses their own role at registration
    When I send POST "/api/v1/auth/register"
      """
      {"email": "eve@example.com", "password": "correct-horse-battery", "name": "Eve", "invitation_token": "made-up-token"}
      """
    Then the response is a problem 422 with code "invalid_invitation"
    And the problem names the field "invitation_token"

  Scenario: Only admins invite
    Given "alice" has registered the organization "Tilleuls"
    And "alice" invites "bob" as "owner"
    And "bob" registers with the invitation
    And I am "bob"
    When I send POST "/api/v1/organizations/{{alice.org}}/invitations"
      """
      {"email": "carol@example.com", "role": "admin"}
      """
    Then the response is a problem 403 with code "forbidden"

  Scenario: An admin changes a member's roles
    Given "alice" has registered the organization "Tilleuls"
    And "alice" invites "bob" as "owner"
    And "bob" registers with the invitation
    And I am "alice"
    When I send PATCH "/api/v1/users/{{bob.id}}/role"
      """
      {"roles": ["owner", "board_member"]}
      """
    Then the response status is 200
    And the response field "roles" lists "board_member, owner"
    When I send GET "/api/v1/users/{{bob.id}}"
    Then the response field "roles" lists "board_member, owner"

  Scenario: A member who is not an admin cannot change roles or list users
    Given "alice" has registered the organization "Tilleuls"
    And "alice" invites "bob" as "owner"
    And "bob" registers with the invitation
    And I am "bob"
    When I send PATCH "/api/v1/users/{{bob.id}}/role"
      """
      {"roles": ["admin"]}
      """
    Then the response is a problem 403 with code "forbidden"
    When I send GET "/api/v1/users"
    Then the response is a problem 403 with code "forbidden"
    When I send GET "/api/v1/users/{{alice.id}}"
    Then the response status is 200

  Scenario: Unknown roles are refused
    Given "alice" has registered the organization "Tilleuls"
    And "alice" invites "bob" as "owner"
    And "bob" registers with the invitation
    And I am "alice"
    When I send PATCH "/api/v1/users/{{bob.id}}/role"
      """
      {"roles": ["emperor"]}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "roles"

  Scenario: Another organization's user, or its invitations, do not exist for you
    Given "alice" has registered the organization "Tilleuls"
    And "zoe" has registered the organization "Les Platanes"
    And I am "alice"
    When I send GET "/api/v1/users/{{zoe.id}}"
    Then the response is a problem 404 with code "not_found"
    When I send PATCH "/api/v1/users/{{zoe.id}}/role"
      """
      {"roles": ["owner"]}
      """
    Then the response is a problem 404 with code "not_found"
    When I send POST "/api/v1/organizations/{{zoe.org}}/invitations"
      """
      {"email": "spy@example.com", "role": "admin"}
      """
    Then the response is a problem 404 with code "not_found"
    When I send GET "/api/v1/users/not-a-uuid"
    Then the response is a problem 404 with code "not_found"

  Scenario: An admin lists the organization's members, page by page
    Given "alice" has registered the organization "Tilleuls"
    And "alice" invites "bob" as "owner"
    And "bob" registers with the invitation
    And "alice" invites "carol" as "syndic"
    And "carol" registers with the invitation
    And "zoe" has registered the organization "Les Platanes"
    And I am "alice"
    When I send GET "/api/v1/users?page=1&per_page=2"
    Then the response status is 200
    And the response field "data" has 2 items
    And the response field "data[0].email" is "alice@example.com"
    And the response field "data[1].email" is "bob@example.com"
    And the response field "pagination.total_items" is the number 3
    And the response field "pagination.total_pages" is the number 2
    When I send GET "/api/v1/users?page=2&per_page=2"
    Then the response field "data" has 1 items
    And the response field "data[0].roles" lists "syndic"

  Scenario Outline: Bad paging is refused
    Given "alice" has registered the organization "Tilleuls"
    And I am "alice"
    When I send GET "/api/v1/users?<query>"
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "<field>"

    Examples:
      | query        | field    |
      | per_page=0   | per_page |
      | per_page=101 | per_page |
      | page=0       | page     |
      | page=abc     | page     |

  Scenario: A duplicate email is a conflict, whatever its case
    Given "alice" has registered the organization "Tilleuls"
    When I send POST "/api/v1/auth/register"
      """
      {"email": "ALICE@example.com", "password": "correct-horse-battery", "name": "Alice again", "organization_name": "Other"}
      """
    Then the response is a problem 409 with code "email_taken"

  Scenario Outline: Invalid registrations are refused with the field named
    When I send POST "/api/v1/auth/register"
      """
      <body>
      """
    Then the response is a problem <status> with code "<code>"
    And the problem names the field "<field>"

    Examples:
      | body                                                                                                 | status | code              | field             |
      | {"email": "a@example.com", "password": "short", "name": "A", "organization_name": "O"}               | 422    | validation_failed | password          |
      | {"email": "not-an-email", "password": "correct-horse-battery", "name": "A", "organization_name": "O"} | 422    | validation_failed | email             |
      | {"email": "a@example.com", "name": "A", "organization_name": "O"}                                    | 422    | missing_field     | password          |
      | {"email": "a@example.com", "password": "correct-horse-battery", "name": "A"}                         | 422    | missing_field     | organization_name |
      | {"email": "a@example.com", "password": "correct-horse-battery", "name": "  ", "organization_name": "O"} | 422 | validation_failed | name              |
      | {"email": 42, "password": "correct-horse-battery", "name": "A", "organization_name": "O"}            | 400    | invalid_type      | email             |

  Scenario: Malformed JSON is a 400
    When I send POST "/api/v1/auth/register"
      """
      {"email": "a@example.com", "password":
      """
    Then the response is a problem 400 with code "malformed_json"
    When I send POST "/api/v1/auth/login"
      """
      [1, 2, 3]
      """
    Then the response is a problem 400 with code "invalid_type"

  Scenario: A body over 1 MiB is refused
    When I send POST "/api/v1/auth/login" with a body of 1100000 bytes
    Then the response is a problem 413 with code "payload_too_large"

  Scenario: Unknown routes answer in problem+json, and request ids are echoed
    When I send GET "/api/v1/nothing-here" with the header "X-Request-ID" set to "trace-123"
    Then the response is a problem 404 with code "route_not_found"
    And the response header "X-Request-ID" is "trace-123"
    And the response field "request_id" is "trace-123"

  Scenario Outline: A page number or size past any list is refused, never a crash
    Given "alice" has registered the organization "Tilleuls"
    And I am "alice"
    When I send GET "/api/v1/users?per_page=<per_page>&page=<page>"
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "<field>"
    When I send GET "/api/v1/users?per_page=100&page=1000000"
    Then the response status is 200
    And the response field "data" has 0 items

    Examples:
      | page                 | per_page | field    |
      | 1748778316283561216  | 23       | page     |
      | 1000001              | 20       | page     |
      | 99999999999999999999 | 20       | page     |
      | 0                    | 20       | page     |
      | 1                    | 101      | per_page |
      | 1                    | -5       | per_page |

  Scenario: A route asked with a method it does not answer is a 405 listing the methods it allows
    When I send PUT "/api/v1/auth/login"
    Then the response is a problem 405 with code "method_not_allowed"
    And the response header "Allow" is "POST"
    When I send DELETE "/api/v1/buildings/00000000-0000-0000-0000-000000000000"
    Then the response is a problem 405 with code "method_not_allowed"
    And the response header "Allow" is "GET, PATCH"
    When I send DELETE "/api/v1/nowhere"
    Then the response is a problem 404 with code "route_not_found"

  Scenario: A JSON null is not a body, and an empty id in a filter is refused
    Given "alice" has registered the organization "Tilleuls"
    And I am "alice"
    When I send POST "/api/v1/buildings"
      """
      null
      """
    Then the response is a problem 400 with code "malformed_json"
    When I send GET "/api/v1/audit-log?user_id="
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "user_id"

  Scenario: No text may hold the character U+0000, which PostgreSQL cannot store
    Given "alice" has registered the organization "Tilleuls"
    And I am "alice"
    When I send POST "/api/v1/buildings"
      """
      {"name": "Les Tilleuls\u0000", "address": "Rue 1", "city": "Liège", "postal_code": "4000", "total_tantiemes": 1000}
      """
    Then the response is a problem 400 with code "malformed_json"
    And the response field "detail" contains "U+0000"
    # An escaped backslash before "u0000" is a backslash and the letters, not the character.
    When I send POST "/api/v1/buildings"
      """
      {"name": "Les Tilleuls \\u0000", "address": "Rue 1", "city": "Liège", "postal_code": "4000", "total_tantiemes": 1000}
      """
    Then the response status is 201
    And the response field "name" is "Les Tilleuls \u0000"
    When I send GET "/api/v1/buildings?q=%00"
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "q"

  Scenario: Sign-in routes take small bodies only; other routes take up to 1 MiB
    Given "alice" has registered the organization "Tilleuls"
    When I send POST "/api/v1/auth/login" with a body of 20000 bytes
    Then the response is a problem 413 with code "payload_too_large"
    And the response field "detail" is "the request body is larger than 16384 bytes"
    When I send POST "/api/v1/auth/login" with a body of 16000 bytes
    Then the response is a problem 422 with code "missing_field"
    Given I am "alice"
    When I send POST "/api/v1/buildings" with a body of 20000 bytes
    Then the response is a problem 422 with code "missing_field"
