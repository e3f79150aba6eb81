using System.Globalization;
using TokenHound.Runtime.Logs;

namespace TokenHound.Runtime.Tests;

/// <summary>The log-line timestamp reader agrees with DateTimeOffset.Parse on the layouts CloudWatch and Lambda write.</summary>
public class TimestampTests
{
    [Theory]
    [InlineData("2024-01-15T10:00:00.123Z message", 24)]
    [InlineData("2024-01-15T10:00:00Z\tid", 20)]
    [InlineData("2026-11-28T23:59:59.1234567Z x", 28)]
    [InlineData("2026-11-28T23:59:59.123456789Z x", 30)]
    [InlineData("2024-02-29T00:00:00.5+02:00 x", 27)]
    [InlineData("2024-03-01T01:30:00-05:30 x", 25)]
    public void Parses_like_the_framework(string line, int length)
    {
        Assert.True(LogScanner.TryParseIsoPrefix(line, out var value, out var len));
        Assert.Equal(length, len);
        var expected = DateTimeOffset.Parse(line[..len], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        Assert.Equal(expected, value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Theory]
    [InlineData("2023-02-29T10:00:00Z x")] // not a leap year
    [InlineData("2024-13-01T10:00:00Z x")]
    [InlineData("2024-01-15T24:00:00Z x")]
    [InlineData("2024-01-15T10:00:00 x")] // no zone
    [InlineData("2024-01-15 10:00:00Z x")]
    [InlineData("20x4-01-15T10:00:00Z x")]
    [InlineData("0001-01-01T00:00:00+14:00 x")] // before the smallest instant
    [InlineData("REPORT RequestId: 1")]
    public void Rejects_what_is_not_a_timestamp(string line) => Assert.False(LogScanner.TryParseIsoPrefix(line, out _, out _));
}
