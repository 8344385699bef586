// Package fingerprint will hold the attribution stage of proofpack:
// organisation profiles, signal extraction from text and metadata, scoring
// with owner-versus-mention roles, and the verdict on a seller's claim.
// The package has no API yet.
package fingerprint
