#!/usr/bin/env node
// The `sluice` command. This file is committed rather than built so that a
// package manager can link the command at install time, before `dist/` exists
// in a fresh clone of the workspace; the command itself is the built dist/bin.js.
import '../dist/bin.js'
