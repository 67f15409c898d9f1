Feature: Sign-in throttling
  Guessing passwords or codes is slowed down: after 5 failures for one account in a 15-minute
  window, or 20 from one address, every attempt is refused with 429 and Retry-After until the
  window ends, even with the right password. The owner of the account is told by email. 2FA
  codes and reset requests follow the same rule, each counted apart. On PostgreSQL the counts
  live in the database, so they hold across every instance.

  Background:
    Given the API is running
    And "alice" has registered the organization "Tilleuls"

  Scenario: Five wrong passwords pause the account's sign-in, and its owner is told
    Given "alice" fails to log in 5 times
    When "alice" tries to log in
    Then the response is a problem 429 with code "rate_limited"
    And the response header "Retry-After" is a number of seconds up to 900
    And the outbox holds 1 email to "alice", one about "Sign-in is paused until"
    Given I am "alice"
    When I send GET "/api/v1/audit-log?entity=user"
    Then the response field "data" has an item whose "action" is "sign_in.locked"
    And the response field "data" has an item whose "action" is "sign_in.failed"
    Given 15 minutes pass
    When "alice" logs in
    Then the response status is 200

  Scenario: Twenty failures from one address pause sign-in from it, whatever the account
    Given "bob" has registered the organization "Ailleurs"
    And 20 unknown accounts fail to log in from this address
    When "bob" tries to log in
    Then the response is a problem 429 with code "rate_limited"
    And the outbox holds no email to "bob"

  Scenario: Five wrong 2FA codes pause the second step, even with a new mfa_token
    Given "alice" sets up 2FA
    And "alice" turns 2FA on
    When I send POST "/api/v1/auth/login"
      """
      {"email": "alice@example.com", "password": "correct-horse-battery"}
      """
    And I remember the response field "mfa_token" as "mfa"
    And I send POST "/api/v1/auth/2fa/verify"
      """
      {"mfa_token": "{{mfa}}", "code": "000000"}
      """
    And I send POST "/api/v1/auth/2fa/verify"
      """
      {"mfa_token": "{{mfa}}", "code": "000001"}
      """
    And I send POST "/api/v1/auth/2fa/verify"
      """
      {"mfa_token": "{{mfa}}", "code": "000002"}
      """
    And I send POST "/api/v1/auth/2fa/verify"
      """
      {"mfa_token": "{{mfa}}", "code": "000003"}
      """
    And I send POST "/api/v1/auth/login"
      """
      {"email": "alice@example.com", "password": "correct-horse-battery"}
      """
    And I remember the response field "mfa_token" as "mfa2"
    And I send POST "/api/v1/auth/2fa/verify"
      """
      {"mfa_token": "{{mfa2}}", "code": "000004"}
      """
    Then the response is a problem 422 with code "invalid_code"
    Given 30 seconds pass
    And I remember "alice"'s authenticator code as "code"
    When I send POST "/api/v1/auth/2fa/verify"
      """
      {"mfa_token": "{{mfa2}}", "code": "{{code}}"}
      """
    Then the response is a problem 429 with code "rate_limited"

  Scenario: Reset requests for one account are throttled too, with the same answer for any email
    Given "alice" asks for a password reset 5 times
    When I send POST "/api/v1/auth/password/forgot"
      """
      {"email": "alice@example.com"}
      """
    Then the response is a problem 429 with code "rate_limited"
    And the outbox holds 5 emails to "alice", one about "reset the password of your Gestio account"
