-- The platform-admin role needs a verified e-mail address (ADMIN_EMAILS used
-- to grant it at sign-up, to whoever registered the address first).
-- Unverified admins go back to plain users; they get the role again once they
-- follow the verification link, or through `npm run admin -- grant <email>`.
UPDATE "user" SET "role" = 'user' WHERE "role" = 'admin' AND "email_verified" = false;
