using Marketplace.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Infrastructure.Data.Configurations;

public class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        // No foreign keys on purpose: the trail outlives deleted users and rows.
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.UserName).HasMaxLength(256);
        builder.Property(a => a.EntityType).HasMaxLength(64);
        builder.Property(a => a.EntityId).HasMaxLength(64);
        builder.Property(a => a.Changes).HasMaxLength(AuditEntry.MaxChangesLength);
        builder.HasIndex(a => a.AtUtc);
        builder.HasIndex(a => new { a.EntityType, a.AtUtc });
        builder.HasIndex(a => new { a.UserName, a.AtUtc });
    }
}
