using Marketplace.Domain.Staff;
using Marketplace.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Infrastructure.Data.Configurations;

public class StaffMembershipConfiguration : IEntityTypeConfiguration<StaffMembership>
{
    public void Configure(EntityTypeBuilder<StaffMembership> builder)
    {
        builder.HasKey(m => new { m.UserId, m.MunicipalityId });
        builder.Property(m => m.UserId).HasMaxLength(450);
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Municipality).WithMany()
            .HasForeignKey(m => m.MunicipalityId).OnDelete(DeleteBehavior.Cascade);
    }
}
