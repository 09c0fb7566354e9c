using Marketplace.Domain.Notices;
using Marketplace.Domain.Regions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Infrastructure.Data.Configurations;

public class PhoneNoticeConfiguration : IEntityTypeConfiguration<PhoneNotice>
{
    public void Configure(EntityTypeBuilder<PhoneNotice> builder)
    {
        builder.Property(n => n.Subject).HasMaxLength(300);
        builder.Property(n => n.DoneByUserId).HasMaxLength(450);
        builder.HasIndex(n => new { n.MunicipalityId, n.DoneAtUtc });
        builder.HasOne(n => n.Producer).WithMany()
            .HasForeignKey(n => n.ProducerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Municipality>().WithMany()
            .HasForeignKey(n => n.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
    }
}
