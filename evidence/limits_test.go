package evidence_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/meta"
	"github.com/proofpack/proofpack/evidence/unpack"
)

// TestLimitsMirrorStages: every field of the walk's and the metadata
// stage's limits is a field of Limits, of the same type, and the
// converters carry each one over (a field added to unpack.Limits or
// meta.Limits and not here fails).
func TestLimitsMirrorStages(t *testing.T) {
	var lim evidence.Limits
	lv := reflect.ValueOf(&lim).Elem()
	for _, part := range []reflect.Type{reflect.TypeFor[unpack.Limits](), reflect.TypeFor[meta.Limits]()} {
		for f := range part.Fields() {
			lf, ok := lv.Type().FieldByName(f.Name)
			require.True(t, ok, "evidence.Limits has no field %s of %s", f.Name, part)
			require.Equal(t, f.Type, lf.Type, f.Name)
			require.Empty(t, lf.Index[1:], "%s is promoted, not Limits' own", f.Name)
		}
	}
	// Distinct values in every field.
	for i := range lv.NumField() {
		f := lv.Field(i)
		switch f.Kind() {
		case reflect.Int, reflect.Int64:
			f.SetInt(int64(1000 + i))
		default:
			t.Fatalf("field %s of kind %s: extend the test", lv.Type().Field(i).Name, f.Kind())
		}
	}
	check := func(part any) {
		pv := reflect.ValueOf(part)
		for i := range pv.NumField() {
			name := pv.Type().Field(i).Name
			assert.Equal(t, lv.FieldByName(name).Interface(), pv.Field(i).Interface(), name)
		}
	}
	check(lim.UnpackLimits())
	check(lim.MetadataLimits())
}

// TestLimitsDefaults: the zero Limits takes the defaults of the stages,
// and a field set keeps its value.
func TestLimitsDefaults(t *testing.T) {
	d := evidence.DefaultLimits()
	assert.Equal(t, unpack.DefaultLimits(), d.UnpackLimits())
	assert.Equal(t, meta.Limits{}.WithDefaults(), d.MetadataLimits())
	assert.Equal(t, evidence.DefaultMaxReportText, d.MaxReportText)
	assert.Zero(t, d.MaxOCRDuration)

	l := evidence.Limits{MaxDepth: 4, MaxDuration: time.Minute, MaxRecords: 7, MaxEntries: -1}.WithDefaults()
	assert.Equal(t, 4, l.MaxDepth)
	assert.Equal(t, time.Minute, l.MaxDuration)
	assert.Equal(t, 7, l.MaxRecords)
	assert.Equal(t, unpack.DefaultMaxEntries, l.MaxEntries, "negative is the default")
	assert.Equal(t, unpack.DefaultMaxTotalBytes, l.MaxTotalBytes)
	assert.Equal(t, meta.DefaultMaxTextBytes, l.MaxTextBytes)
}
