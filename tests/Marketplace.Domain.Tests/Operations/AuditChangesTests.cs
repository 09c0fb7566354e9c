using Marketplace.Domain.Audit;
using Xunit;

namespace Marketplace.Domain.Tests.Operations;

public class AuditChangesTests
{
    [Fact]
    public void A_change_lists_only_the_values_that_differ_before_and_after()
    {
        var text = AuditChanges.Describe(AuditAction.Modified,
        [
            new AuditedValue("Status", "Confirmed", "CheckedIn"),
            new AuditedValue("StallId", 4, 4),
            new AuditedValue("CheckedInAtUtc", null, new DateTime(2026, 12, 6, 13, 5, 0, DateTimeKind.Utc)),
            new AuditedValue("FeeAmount", 10.5m, 0m),
        ]);

        Assert.Equal("Status: Confirmed → CheckedIn\nCheckedInAtUtc: ∅ → 2026-12-06 13:05:00\nFeeAmount: 10.5 → 0", text);
    }

    [Fact]
    public void An_addition_lists_the_new_values_and_a_deletion_the_old_ones()
    {
        Assert.Equal("Code: A-01", AuditChanges.Describe(AuditAction.Added, [new AuditedValue("Code", null, "A-01")]));
        Assert.Equal("Code: A-01", AuditChanges.Describe(AuditAction.Deleted, [new AuditedValue("Code", "A-01", null)]));
    }

    [Fact]
    public void A_long_description_is_cut_to_what_an_audit_row_holds()
    {
        var text = AuditChanges.Describe(AuditAction.Added, [new AuditedValue("Description", null, new string('x', 10_000))]);

        Assert.Equal(AuditEntry.MaxChangesLength, text.Length);
        Assert.EndsWith("…", text);
    }
}
