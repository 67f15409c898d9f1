Feature: Two-factor authentication
  A member protects their account with a code from an authenticator app (TOTP, RFC 6238: six
  digits, a new one every 30 seconds). Once it is on, a password alone opens no session: the
  login answers with an mfa_token, and a code completes it. Ten backup codes, each usable once,
  stand in for a lost phone. An organization can require 2FA for chosen roles.

  Background:
    Given the API is running
    And "alice" has registered the organization "Tilleuls"

  Scenario: Setting up gives a secret for the app; a first code turns 2FA on and gives ten backup codes
    Given I am "alice"
    When I send POST "/api/v1/auth/2fa/setup"
    Then the response status is 200
    And the response field "otpauth_uri" contains "otpauth://totp/Gestio:alice@example.com?secret="
    And the response field "otpauth_uri" contains "issuer=Gestio"
    And I remember the response field "secret" as "alice.totp_secret"
    When I send POST "/api/v1/auth/2fa/enable"
      """
      {"code": "000000x"}
      """
    Then the response is a problem 422 with code "invalid_code"
    Given I remember "alice"'s authenticator code as "code"
    When I send POST "/api/v1/auth/2fa/enable"
      """
      {"code": "{{code}}"}
      """
    Then the response status is 200
    And the response field "backup_codes" has 10 items
    When I send POST "/api/v1/auth/2fa/setup"
    Then the response is a problem 409 with code "two_factor_enabled"
    When I send GET "/api/v1/audit-log?entity=user"
    Then the response field "data" has an item whose "action" is "two_factor.enabled"

  Scenario: With 2FA on, the password step gives an mfa_token and no tokens; a code completes the login once
    Given "alice" sets up 2FA
    And "alice" turns 2FA on
    And 30 seconds pass
    When I send POST "/api/v1/auth/login"
      """
      {"email": "alice@example.com", "password": "correct-horse-battery"}
      """
    Then the response status is 200
    And the response field "mfa_required" is true
    And the response has no field "access_token"
    And the response has no field "refresh_token"
    And I remember the response field "mfa_token" as "mfa"
    Given I remember "alice"'s authenticator code as "code"
    When I send POST "/api/v1/auth/2fa/verify"
      """
      {"mfa_token": "{{mfa}}", "code": "{{code}}"}
      """
    Then the response status is 200
    And the response field "token_type" is "Bearer"
    And the response field "user.email" is "alice@example.com"
    When I send POST "/api/v1/auth/2fa/verify"
      """
      {"mfa_token": "{{mfa}}", "code": "{{code}}"}
      """
    Then the response is a problem 401 with code "invalid_mfa_token"
    When I send POST "/api/v1/auth/login"
      """
      {"email": "alice@example.com", "password": "correct-horse-battery"}
      """
    And I remember the response field "mfa_token" as "mfa2"
    And I send POST "/api/v1/auth/2fa/verify"
      """
      {"mfa_token": "{{mfa2}}", "code": "{{code}}"}
      """
    Then the response is a problem 422 with code "invalid_code"
    Given I remember "alice"'s next authenticator code as "next"
    When I send POST "/api/v1/auth/2fa/verify"
      """
      {"mfa_token": "{{mfa2}}", "code": "{{next}}"}
      """
    Then the response status is 200

  Scenario: A backup code completes one login, and only one
    Given "alice" sets up 2FA
    And "alice" turns 2FA on
    When I send POST "/api/v1/auth/login"
      """
      {"email": "alice@example.com", "password": "correct-horse-battery"}
      """
    And I remember the response field "mfa_token" as "mfa"
    And I send POST "/api/v1/auth/2fa/verify"
      """
      {"mfa_token": "{{mfa}}", "backup_code": "{{alice.backup_code.3}}"}
      """
    Then the response status is 200
    When I send POST "/api/v1/auth/login"
      """
      {"email": "alice@example.com", "password": "correct-horse-battery"}
      """
    And I remember the response field "mfa_token" as "mfa2"
    And I send POST "/api/v1/auth/2fa/verify"
      """
      {"mfa_token": "{{mfa2}}", "backup_code": "{{alice.backup_code.3}}"}
      """
    Then the response is a problem 422 with code "invalid_code"
    When I send POST "/api/v1/auth/2fa/verify"
      """
      {"mfa_token": "{{mfa2}}", "code": "123456", "backup_code": "{{alice.backup_code.4}}"}
      """
    Then the response is a problem 422 with code "validation_failed"

  Scenario: An mfa_token allows five attempts and lives five minutes
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
    Then the response is a problem 422 with code "invalid_code"
    When I send POST "/api/v1/auth/2fa/verify"
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
    And I send POST "/api/v1/auth/2fa/verify"
      """
      {"mfa_token": "{{mfa}}", "code": "000004"}
      """
    Then the response is a problem 422 with code "invalid_code"
    Given 30 seconds pass
    And I remember "alice"'s authenticator code as "code"
    When I send POST "/api/v1/auth/2fa/verify"
      """
      {"mfa_token": "{{mfa}}", "code": "{{code}}"}
      """
    Then the response is a problem 401 with code "invalid_mfa_token"
    Given 15 minutes pass
    When I send POST "/api/v1/auth/login"
      """
      {"email": "alice@example.com", "password": "correct-horse-battery"}
      """
    And I remember the response field "mfa_token" as "late"
    And 301 seconds pass
    And I remember "alice"'s authenticator code as "code"
    And I send POST "/api/v1/auth/2fa/verify"
      """
      {"mfa_token": "{{late}}", "code": "{{code}}"}
      """
    Then the response is a problem 401 with code "invalid_mfa_token"

  Scenario: Turning 2FA off needs the password and a code
    Given "alice" sets up 2FA
    And "alice" turns 2FA on
    And I am "alice"
    And 30 seconds pass
    And I remember "alice"'s authenticator code as "code"
    When I send POST "/api/v1/auth/2fa/disable"
      """
      {"password": "not-the-password", "code": "{{code}}"}
      """
    Then the response is a problem 403 with code "wrong_password"
    When I send POST "/api/v1/auth/2fa/disable"
      """
      {"password": "correct-horse-battery", "code": "{{code}}"}
      """
    Then the response status is 204
    When "alice" logs in
    Then the response status is 200
    And the response field "two_factor_setup_required" is false
    When I send POST "/api/v1/auth/2fa/disable"
      """
      {"password": "correct-horse-battery", "code": "{{code}}"}
      """
    Then the response is a problem 409 with code "two_factor_not_enabled"

  Scenario: An organization that requires 2FA for admins lets an admin without it do nothing but set it up
    Given I am "alice"
    When I send PUT "/api/v1/organizations/{{alice.org}}/two-factor-policy"
      """
      {"roles": ["admin", "syndic"]}
      """
    Then the response status is 200
    And the response field "roles" lists "admin, syndic"
    When "alice" logs in
    Then the response field "two_factor_setup_required" is true
    When I send GET "/api/v1/users"
    Then the response is a problem 403 with code "two_factor_setup_required"
    When I send GET "/api/v1/auth/me"
    Then the response status is 200
    Given "alice" sets up 2FA
    And "alice" turns 2FA on
    When "alice" refreshes the session
    Then the response field "two_factor_setup_required" is false
    When I send GET "/api/v1/users"
    Then the response status is 200

  Scenario: Only an admin of the organization sees and sets its 2FA policy
    Given "alice" invites "bob" as "syndic"
    And "bob" registers with the invitation
    And "carol" has registered the organization "Ailleurs"
    Given I am "bob"
    When I send GET "/api/v1/organizations/{{alice.org}}/two-factor-policy"
    Then the response is a problem 403 with code "forbidden"
    Given I am "carol"
    When I send PUT "/api/v1/organizations/{{alice.org}}/two-factor-policy"
      """
      {"roles": []}
      """
    Then the response is a problem 404 with code "not_found"
    Given I am "alice"
    When I send PUT "/api/v1/organizations/{{alice.org}}/two-factor-policy"
      """
      {"roles": ["pilot"]}
      """
    Then the response is a problem 422 with code "validation_failed"

  Scenario: The operator turns 2FA off for someone who lost their phone and their backup codes
    Given "alice" sets up 2FA
    And "alice" turns 2FA on
    When the operator resets the 2FA of "alice"
    And "alice" logs in
    Then the response status is 200
    And the response field "token_type" is "Bearer"
