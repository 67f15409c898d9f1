Feature: Password reset, password change and open sessions
  Someone who forgot their password asks for a reset link by email. The answer is the same
  whether or not the account exists; the link works once, for 30 minutes, and using it closes
  every session of the account. A signed-in member changes their password with the current
  one, lists their open sessions and closes any of them.

  Background:
    Given the API is running
    And "alice" has registered the organization "Tilleuls"

  Scenario: Asking for a reset answers the same for any email, and mails a link only to an account
    When I send POST "/api/v1/auth/password/forgot"
      """
      {"email": "nobody@example.com"}
      """
    Then the response status is 202
    And the outbox holds no email to "nobody"
    When I send POST "/api/v1/auth/password/forgot"
      """
      {"email": "Alice@Example.com"}
      """
    Then the response status is 202
    And the outbox holds 1 email to "alice", one about "reset the password of your Gestio account"

  Scenario: The link sets a new password once and closes every session
    Given I send POST "/api/v1/auth/password/forgot"
      """
      {"email": "alice@example.com"}
      """
    And I remember the reset token mailed to "alice" as "reset"
    When I send POST "/api/v1/auth/password/reset"
      """
      {"token": "{{reset}}", "password": "short"}
      """
    Then the response is a problem 422 with code "validation_failed"
    And the problem names the field "password"
    When I send POST "/api/v1/auth/password/reset"
      """
      {"token": "{{reset}}", "password": "a-brand-new-passphrase"}
      """
    Then the response status is 204
    When "alice" tries to refresh the session
    Then the response is a problem 401 with code "invalid_refresh_token"
    When "alice" tries to log in
    Then the response is a problem 401 with code "invalid_credentials"
    When I send POST "/api/v1/auth/login"
      """
      {"email": "alice@example.com", "password": "a-brand-new-passphrase"}
      """
    Then the response status is 200
    When I send POST "/api/v1/auth/password/reset"
      """
      {"token": "{{reset}}", "password": "yet-another-passphrase"}
      """
    Then the response is a problem 422 with code "invalid_reset_token"
    And the problem names the field "token"

  Scenario: A reset link expires after 30 minutes
    Given I send POST "/api/v1/auth/password/forgot"
      """
      {"email": "alice@example.com"}
      """
    And I remember the reset token mailed to "alice" as "reset"
    And 31 minutes pass
    When I send POST "/api/v1/auth/password/reset"
      """
      {"token": "{{reset}}", "password": "a-brand-new-passphrase"}
      """
    Then the response is a problem 422 with code "invalid_reset_token"
    When I send POST "/api/v1/auth/password/reset"
      """
      {"token": "made-up", "password": "a-brand-new-passphrase"}
      """
    Then the response is a problem 422 with code "invalid_reset_token"

  Scenario: Changing the password needs the current one and closes the other sessions
    Given "alice" logs in
    And I remember the response field "refresh_token" as "laptop"
    And "alice" logs in
    And I am "alice"
    When I send POST "/api/v1/auth/password/change"
      """
      {"current_password": "not-the-password", "new_password": "a-brand-new-passphrase"}
      """
    Then the response is a problem 403 with code "wrong_password"
    When I send POST "/api/v1/auth/password/change"
      """
      {"current_password": "correct-horse-battery", "new_password": "a-brand-new-passphrase"}
      """
    Then the response status is 204
    When I send POST "/api/v1/auth/refresh"
      """
      {"refresh_token": "{{laptop}}"}
      """
    Then the response is a problem 401 with code "invalid_refresh_token"
    When "alice" refreshes the session
    Then the response status is 200
    When I send GET "/api/v1/audit-log?entity=user"
    Then the response field "data" has an item whose "action" is "password.changed"
    And the response text does not contain "a-brand-new-passphrase"

  Scenario: A member lists their open sessions and closes one
    Given 1 minutes pass
    And "alice" logs in
    And 1 minutes pass
    And "alice" logs in
    And I am "alice"
    When I send GET "/api/v1/auth/sessions"
    Then the response status is 200
    And the response field "data" has 3 items
    And the response field "data" has an item whose "organization_id" is "{{alice.org}}"
    And the response field "data[0].current" is true
    And the response field "data[1].current" is false
    And I remember the response field "data[1].id" as "other"
    When I send DELETE "/api/v1/auth/sessions/{{other}}"
    Then the response status is 204
    When I send GET "/api/v1/auth/sessions"
    Then the response field "data" has 2 items
    When I send DELETE "/api/v1/auth/sessions/{{other}}"
    Then the response is a problem 404 with code "not_found"
    When I send GET "/api/v1/audit-log?entity=user"
    Then the response field "data" has an item whose "action" is "session.revoked"

  Scenario: Nobody closes another person's session
    Given "bob" has registered the organization "Ailleurs"
    And I am "alice"
    And I send GET "/api/v1/auth/sessions"
    And I remember the response field "data[0].id" as "alices"
    Given I am "bob"
    When I send DELETE "/api/v1/auth/sessions/{{alices}}"
    Then the response is a problem 404 with code "not_found"
    When I send GET "/api/v1/auth/sessions"
    Then the response field "data" has 1 items
