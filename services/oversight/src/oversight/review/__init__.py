"""The yearly review (báo cáo sơ kết, issue 18; decision 17): facts noted from every
stream oversight consumes, figures computed over them for any period and body, with the
records behind each figure."""
