using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Infrastructure.Data.Configurations;

public class SeedRecordConfiguration : IEntityTypeConfiguration<SeedRecord>
{
    public void Configure(EntityTypeBuilder<SeedRecord> builder)
    {
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(100);
    }
}
