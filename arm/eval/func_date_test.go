package eval

import (
	"testing"
	"time"

	"github.com/azrule/azrule/arm/value"
	"github.com/azrule/azrule/source"
)

func TestDateTimeAdd(t *testing.T) {
	tests := []struct {
		args []value.Value
		want string
	}{
		// Documented remarks: a year is 365 days, a month 30 days.
		{[]value.Value{exStr("2023-01-01 00:00:00Z"), exStr("P1Y")}, "2024-01-01T00:00:00Z"},
		{[]value.Value{exStr("2024-01-01 00:00:00Z"), exStr("P1Y")}, "2024-12-31T00:00:00Z"},
		{[]value.Value{exStr("2023-02-01 00:00:00Z"), exStr("P1M")}, "2023-03-03T00:00:00Z"},
		{[]value.Value{exStr("2024-02-01 00:00:00Z"), exStr("P1M")}, "2024-03-02T00:00:00Z"},
		// Documented example with base 2020-04-07 14:53:14Z (the page shows
		// the same instants in en-US "G" form).
		{[]value.Value{exStr("2020-04-07 14:53:14Z"), exStr("P3Y")}, "2023-04-07T14:53:14Z"},
		{[]value.Value{exStr("2020-04-07 14:53:14Z"), exStr("-P9D")}, "2020-03-29T14:53:14Z"},
		{[]value.Value{exStr("2020-04-07 14:53:14Z"), exStr("PT1H")}, "2020-04-07T15:53:14Z"},
		// Bicep bicepparam baseline: dateTimeAdd(dateTimeFromEpoch(1680224438), 'P1D').
		{[]value.Value{exStr("2023-03-31T01:00:38Z"), exStr("P1D")}, "2023-04-01T01:00:38Z"},
		// Offsets are converted to UTC; no zone means UTC; basic form; fractions.
		{[]value.Value{exStr("2023-03-31T01:00:38+02:00"), exStr("PT0S")}, "2023-03-30T23:00:38Z"},
		{[]value.Value{exStr("2023-03-31T01:00"), exStr("PT30M")}, "2023-03-31T01:30:00Z"},
		{[]value.Value{exStr("2023-03-31"), exStr("P7D")}, "2023-04-07T00:00:00Z"},
		{[]value.Value{exStr("2019-03-05T17:53:18Z"), exStr("P1DT2H3M4.5S")}, "2019-03-06T19:56:22.5Z"},
		{[]value.Value{exStr("2023-03-31T01:00:38.1234567Z"), exStr("PT1S")}, "2023-03-31T01:00:39.1234567Z"},
		{[]value.Value{exStr("2023-12-31T23:59:59Z"), exStr("-P1Y2M3DT4H5M6S")}, "2022-10-29T19:54:53Z"},
		// A format argument.
		{[]value.Value{exStr("2020-04-07 14:53:14Z"), exStr("PT1H"), exStr("yyyy-MM-dd HH:mm")}, "2020-04-07 15:53"},
		{[]value.Value{exStr("2020-04-07 14:53:14Z"), exStr("PT1H"), exStr("u")}, "2020-04-07 15:53:14Z"},
		{[]value.Value{exStr("2020-04-07 14:53:14Z"), exStr("P1000Y")}, "3019-08-09T14:53:14Z"},
	}
	for _, tt := range tests {
		exWantString(t, "dateTimeAdd", tt.args, tt.want)
	}
}

func TestDateTimeEpoch(t *testing.T) {
	// Documented: dateTimeFromEpoch(1683040573) is 2023-05-02T15:16:13Z.
	exWantString(t, "dateTimeFromEpoch", []value.Value{exInt(1683040573)}, "2023-05-02T15:16:13Z")
	// Bicep baseline.
	exWantString(t, "dateTimeFromEpoch", []value.Value{exInt(1680224438)}, "2023-03-31T01:00:38Z")
	exWantString(t, "dateTimeFromEpoch", []value.Value{exInt(0)}, "1970-01-01T00:00:00Z")
	exWantString(t, "dateTimeFromEpoch", []value.Value{exInt(-62135596800)}, "0001-01-01T00:00:00Z")

	tests := []struct {
		in   string
		want int64
	}{
		{"2023-05-02T15:16:13Z", 1683040573},
		{"2023-03-31T01:00:38Z", 1680224438},
		{"2023-05-02T15:16:13.999Z", 1683040573},
		{"2023-05-02T17:16:13+02:00", 1683040573},
		{"1970-01-01", 0},
	}
	for _, tt := range tests {
		got, err := exCall(t, "dateTimeToEpoch", exStr(tt.in))
		if err != nil {
			t.Errorf("dateTimeToEpoch('%s'): %v", tt.in, err)
			continue
		}
		if !value.Equal(got, exInt(tt.want)) {
			t.Errorf("dateTimeToEpoch('%s') = %s, want %d", tt.in, value.Render(got), tt.want)
		}
	}
}

func TestUtcNow(t *testing.T) {
	for _, tt := range []struct {
		args []value.Value
		text string
	}{
		{nil, "{{utcNow()}}"},
		{[]value.Value{exStr("u")}, "{{utcNow('u')}}"},
	} {
		got, err := exCall(t, "utcNow", tt.args...)
		if err != nil {
			t.Fatal(err)
		}
		u, ok := got.(value.Unknown)
		if !ok {
			t.Fatalf("utcNow(%s) = %s, want an Unknown", exRender(tt.args), value.Render(got))
		}
		if u.Text != tt.text || u.Origin != "utcNow() is only known at deployment time" || u.At != exFile.Pos(1) {
			t.Errorf("utcNow(%s) = %+v", exRender(tt.args), u)
		}
	}
	exWantError(t, "utcNow", []value.Value{exStr("q")}, 0, "'q' is not a valid date and time format string")
	exWantError(t, "utcNow", []value.Value{exInt(1)}, 0, "must be a string, not Integer")
}

func TestDotNetDateFormat(t *testing.T) {
	// 2019-03-05T17:53:18.0123Z, a Tuesday.
	tm := time.Date(2019, 3, 5, 17, 53, 18, 12_300_000, time.UTC)
	tests := []struct{ format, want string }{
		// Documented utcNow outputs for this instant.
		{"yyyyMMddTHHmmssZ", "20190305T175318Z"},
		{"d", "03/05/2019"},
		{"M d", "3 5"},
		// Standard formats, invariant culture.
		{"D", "Tuesday, 05 March 2019"},
		{"f", "Tuesday, 05 March 2019 17:53"},
		{"F", "Tuesday, 05 March 2019 17:53:18"},
		{"g", "03/05/2019 17:53"},
		{"G", "03/05/2019 17:53:18"},
		{"", "03/05/2019 17:53:18"},
		{"m", "March 05"},
		{"o", "2019-03-05T17:53:18.0123000Z"},
		{"O", "2019-03-05T17:53:18.0123000Z"},
		{"r", "Tue, 05 Mar 2019 17:53:18 GMT"},
		{"s", "2019-03-05T17:53:18"},
		{"t", "17:53"},
		{"T", "17:53:18"},
		{"u", "2019-03-05 17:53:18Z"},
		{"U", "Tuesday, 05 March 2019 17:53:18"},
		{"y", "2019 March"},
		// Custom specifiers.
		{"ddd dddd MMM MMMM", "Tue Tuesday Mar March"},
		{"h:mm tt t", "5:53 PM P"},
		{"hh HH H", "05 17 17"},
		{"yy y yyy yyyyy", "19 19 2019 02019"},
		{"ss.fff ss.FFFFF ss.FFFFFFF", "18.012 18.0123 18.0123"},
		{"ss.ffffff", "18.012300"},
		{"K z zz zzz", "Z +0 +00 +00:00"},
		{"'yyyy' \"MM\" \\d %d", "yyyy MM d 5"},
		{"'it\\'s' g", "it's A.D."},
		{"yyyy/MM/dd HH:mm", "2019/03/05 17:53"},
	}
	for _, tt := range tests {
		got, err := formatDotNetDate(tm, tt.format)
		if err != nil {
			t.Errorf("format %q: %v", tt.format, err)
			continue
		}
		if got != tt.want {
			t.Errorf("format %q = %q, want %q", tt.format, got, tt.want)
		}
	}
	// An empty F fraction takes its '.' with it.
	if got, _ := formatDotNetDate(time.Date(2019, 3, 5, 1, 2, 3, 0, time.UTC), "HH:mm:ss.FFF"); got != "01:02:03" {
		t.Errorf("HH:mm:ss.FFF with no fraction = %q, want 01:02:03", got)
	}
	for _, bad := range []string{"q", "ffffffff", "'open", "abc\\", "%%"} {
		if got, err := formatDotNetDate(tm, bad); err == nil {
			t.Errorf("format %q = %q, want an error", bad, got)
		}
	}
}

func TestDateErrors(t *testing.T) {
	tests := []struct {
		name string
		args []value.Value
		arg  int
		want string
	}{
		{"dateTimeAdd", []value.Value{exStr("yesterday"), exStr("P1D")}, 0, "'yesterday' is not an ISO 8601 date and time"},
		{"dateTimeAdd", []value.Value{exStr("2023-02-30T00:00:00Z"), exStr("P1D")}, 0, "not an ISO 8601 date and time"},
		{"dateTimeAdd", []value.Value{exStr("2023-01-01T25:00:00Z"), exStr("P1D")}, 0, "not an ISO 8601 date and time"},
		{"dateTimeAdd", []value.Value{exStr("2023-01-01T10:00:00Zjunk"), exStr("P1D")}, 0, "not an ISO 8601 date and time"},
		{"dateTimeAdd", []value.Value{exStr("2023-01-01"), exStr("1D")}, 1, "'1D' is not an ISO 8601 duration"},
		{"dateTimeAdd", []value.Value{exStr("2023-01-01"), exStr("P")}, 1, "not an ISO 8601 duration"},
		{"dateTimeAdd", []value.Value{exStr("2023-01-01"), exStr("P1W")}, 1, "ARM does not accept weeks, write 7 days as P7D"},
		{"dateTimeAdd", []value.Value{exStr("2023-01-01"), exStr("p1d")}, 1, "not an ISO 8601 duration"},
		{"dateTimeAdd", []value.Value{exStr("20190305T175318Z"), exStr("P1D")}, 0, "is in the basic form that utcNow() returns by default, which ARM does not accept here: use utcNow('u')"},
		{"dateTimeToEpoch", []value.Value{exStr("20190305")}, 0, "not an ISO 8601 date and time"},
		{"dateTimeAdd", []value.Value{exStr("2023-01-01"), exStr("PT")}, 1, "not an ISO 8601 duration"},
		{"dateTimeAdd", []value.Value{exStr("2023-01-01"), exStr("P1D1Y")}, 1, "not an ISO 8601 duration"},
		{"dateTimeAdd", []value.Value{exStr("2023-01-01"), exStr("P1.5D")}, 1, "not an ISO 8601 duration"},
		{"dateTimeAdd", []value.Value{exStr("2023-01-01"), exStr("PT1H1H")}, 1, "not an ISO 8601 duration"},
		{"dateTimeAdd", []value.Value{exStr("2023-01-01"), exStr("P99999999999999999Y")}, 1, "not an ISO 8601 duration"},
		{"dateTimeAdd", []value.Value{exStr("9999-12-31"), exStr("P1D")}, 1, "leaves the range of dates"},
		{"dateTimeAdd", []value.Value{exStr("0001-01-01"), exStr("-PT1S")}, 1, "leaves the range of dates"},
		{"dateTimeAdd", []value.Value{exStr("2023-01-01"), exStr("P1D"), exStr("Q")}, 2, "'Q' is not a valid date and time format string"},
		{"dateTimeAdd", []value.Value{exStr("2023-01-01"), exInt(1)}, 1, "argument 2 must be a string, not Integer"},
		{"dateTimeFromEpoch", []value.Value{exStr("1683040573")}, 0, "must be an integer, not String"},
		{"dateTimeFromEpoch", []value.Value{exInt(253402300800)}, 0, "outside the range of dates"},
		{"dateTimeToEpoch", []value.Value{exStr("05/02/2023")}, 0, "not an ISO 8601 date and time"},
		{"dateTimeToEpoch", []value.Value{exInt(5)}, 0, "must be a string, not Integer"},
	}
	for _, tt := range tests {
		exWantError(t, tt.name, tt.args, tt.arg, tt.want)
	}
}

// FuzzDate: no timestamp, duration or date format string panics.
func FuzzDate(f *testing.F) {
	f.Add("2023-01-01T00:00:00Z", "P1Y2M3DT4H5M6.5S", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK")
	f.Add("20190305T175318Z", "-PT1H", "d")
	f.Add("2023-01-01 10:00:00+02:00", "P1W", "%d \\h 'x' \"y\"")
	f.Fuzz(func(t *testing.T, base, duration, format string) {
		for _, args := range [][]value.Value{
			{exStr(base), exStr(duration)},
			{exStr(base), exStr(duration), exStr(format)},
		} {
			if _, err := exCall(t, "dateTimeAdd", args...); err != nil {
				if _, ok := err.(*source.Error); !ok {
					t.Fatalf("error %T is not a *source.Error: %v", err, err)
				}
			}
		}
		if _, err := exCall(t, "dateTimeToEpoch", exStr(base)); err != nil {
			if _, ok := err.(*source.Error); !ok {
				t.Fatalf("error %T is not a *source.Error", err)
			}
		}
	})
}
