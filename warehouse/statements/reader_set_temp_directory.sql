SET temp_directory = $value;
