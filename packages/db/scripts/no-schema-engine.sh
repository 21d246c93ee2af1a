#!/usr/bin/env bash
# Stand-in for Prisma's native schema engine, which cannot be downloaded on our machines.
# `prisma generate|validate|format` never call it; migrate/db push would, and get this message.
echo "The Prisma schema engine is not available here: apply migrations with 'npm run migrate' (our runner)." >&2
exit 1
